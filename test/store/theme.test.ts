import { beforeEach, describe, expect, it } from 'vitest'
import { initTheme, loadPreference, nextPreference, resolveTheme, useThemeStore, type ThemeHost } from '../../src/store/theme'

/** A fake window: a media query whose answer the test flips, a Map for localStorage, a bare document element. */
function fakeHost(systemDark: boolean, saved?: string) {
  const listeners: ((event: { matches: boolean }) => void)[] = []
  const media = { matches: systemDark, addEventListener: (_: string, listener: (event: { matches: boolean }) => void) => listeners.push(listener) }
  const items = new Map<string, string>(saved === undefined ? [] : [['reprodiff.theme', saved]])
  const root = { dataset: {} as DOMStringMap, style: { colorScheme: '' } }
  const host = {
    matchMedia: () => media,
    localStorage: { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value), removeItem: (key: string) => void items.delete(key) },
    document: { documentElement: root },
  } as unknown as ThemeHost
  const flipSystem = (dark: boolean) => {
    media.matches = dark
    for (const listener of listeners) listener({ matches: dark })
  }
  return { host, items, root, flipSystem }
}

describe('theme', () => {
  beforeEach(() => useThemeStore.setState({ preference: 'system', theme: 'light', systemDark: false }))

  it('resolves "system" from prefers-color-scheme and keeps an explicit choice', () => {
    expect(resolveTheme('system', true)).toBe('dark')
    expect(resolveTheme('system', false)).toBe('light')
    expect(resolveTheme('light', true)).toBe('light')
    expect(resolveTheme('dark', false)).toBe('dark')
  })

  it('cycles system → light → dark → system', () => {
    expect(nextPreference('system')).toBe('light')
    expect(nextPreference('light')).toBe('dark')
    expect(nextPreference('dark')).toBe('system')
  })

  it('sets data-theme and color-scheme at start from the system setting when nothing was saved', () => {
    const { host, root } = fakeHost(true)
    expect(initTheme(host)).toBe('dark')
    expect(root.dataset.theme).toBe('dark')
    expect(root.style.colorScheme).toBe('dark')
    expect(useThemeStore.getState().preference).toBe('system')
  })

  it('a saved choice wins over the system, and a corrupt one is ignored', () => {
    expect(initTheme(fakeHost(true, 'light').host)).toBe('light')
    expect(loadPreference(fakeHost(false, 'purple').host)).toBe('system')
  })

  it('remembers the toggle in localStorage ("system" as nothing) and applies it at once', () => {
    const { host, items, root } = fakeHost(false)
    initTheme(host)
    useThemeStore.getState().cycle() // → light
    expect(items.get('reprodiff.theme')).toBe('light')
    useThemeStore.getState().cycle() // → dark
    expect(root.dataset.theme).toBe('dark')
    expect(items.get('reprodiff.theme')).toBe('dark')
    expect(loadPreference(host)).toBe('dark')
    useThemeStore.getState().cycle() // → system
    expect(items.has('reprodiff.theme')).toBe(false)
    expect(root.dataset.theme).toBe('light')
  })

  it('follows a later change of the system setting only while the choice is "system"', () => {
    const { host, root, flipSystem } = fakeHost(false)
    initTheme(host)
    flipSystem(true)
    expect(root.dataset.theme).toBe('dark')
    expect(useThemeStore.getState().theme).toBe('dark')
    useThemeStore.getState().setPreference('light')
    flipSystem(false)
    flipSystem(true)
    expect(root.dataset.theme).toBe('light')
  })

  it('never throws when storage or matchMedia are missing or blocked', () => {
    const throwing = { get localStorage(): never { throw new Error('SecurityError') }, document: { documentElement: { dataset: {}, style: { colorScheme: '' } } } } as unknown as ThemeHost
    expect(initTheme(throwing)).toBe('light')
    expect(() => useThemeStore.getState().setPreference('dark')).not.toThrow()
  })
})
