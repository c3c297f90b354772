import { createElement, lazy, Suspense } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { preloadedLazy } from '../../src/ui/preloaded-lazy'

const Hello = ({ name }: { name: string }) => createElement('p', { 'data-testid': 'hello' }, `hello ${name}`)
const inSuspense = (element: ReturnType<typeof createElement>) => renderToString(createElement(Suspense, { fallback: createElement('i', null, 'waiting') }, element))

describe('preloadedLazy (issue 9: the tree waited for a Suspense retry after its chunk was in)', () => {
  it('React.lazy itself suspends on its first render even when its module was loaded long before (why this exists)', async () => {
    const module = Promise.resolve(Hello)
    await module
    const Lazy = lazy(async () => ({ default: await module }))
    expect(inSuspense(createElement(Lazy, { name: 'x' }))).toContain('waiting')
  })

  it('renders the component at once, without suspending, once preload() resolved', async () => {
    const view = preloadedLazy(async () => Hello)
    await view.preload()
    const html = inSuspense(createElement(view.View, { name: 'tree' }))
    expect(html).toContain('hello tree')
    expect(html).not.toContain('waiting')
  })

  it('loads once however often it is preloaded, and suspends (the fallback) while the chunk is not in', async () => {
    let loads = 0
    let release: (component: typeof Hello) => void = () => undefined
    const view = preloadedLazy(() => {
      loads++
      return new Promise<typeof Hello>((resolve) => (release = resolve))
    })
    const first = view.preload()
    void view.preload()
    expect(inSuspense(createElement(view.View, { name: 'x' }))).toContain('waiting')
    release(Hello)
    await first
    expect(loads).toBe(1)
    expect(inSuspense(createElement(view.View, { name: 'y' }))).toContain('hello y')
  })

  it('tries again after a failed load', async () => {
    let attempt = 0
    const view = preloadedLazy(async () => {
      if (attempt++ === 0) throw new Error('chunk failed')
      return Hello
    })
    await expect(view.preload()).rejects.toThrow('chunk failed')
    await view.preload()
    expect(inSuspense(createElement(view.View, { name: 'again' }))).toContain('hello again')
  })
})
