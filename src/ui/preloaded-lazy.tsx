import { lazy, useState, type ComponentType } from 'react'

/**
 * A view loaded on first use, as with `React.lazy`, that does not suspend once its chunk is in. `React.lazy` runs
 * its factory only on the first render, so that render suspends even when the module was preloaded long before, and
 * React then holds the retry back while another boundary still waits (React 19 throttles Suspense reveals by up to
 * 300 ms): on the pip pair the tree's first row waited for the detail pane's chunk (issue 9, docs/performance.md).
 * `preload()` starts the load once; a `View` mounted after it resolved renders the component at once.
 */
export function preloadedLazy<P extends object>(load: () => Promise<ComponentType<P>>): { View: ComponentType<P>; preload: () => Promise<ComponentType<P>> } {
  let loaded: ComponentType<P> | null = null
  let loading: Promise<ComponentType<P>> | null = null
  const preload = () => {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A failed load is tried again by the next preload (the lazy view itself keeps its error for its boundary).
        loading = null
        throw error
      },
    )
    return loading
  }
  const Lazy = lazy(async () => ({ default: await preload() }))
  function View(props: P) {
    // Chosen once per mount: switching from the lazy view to the loaded one would remount it and lose its state.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy)
    return <Component {...props} />
  }
  return { View, preload }
}
