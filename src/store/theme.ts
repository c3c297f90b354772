/**
 * The colour theme: what the reviewer chose (system, light or dark, kept in localStorage) and what is in effect
 * (light or dark: the system's `prefers-color-scheme` when the choice is "system"). The effective theme is the
 * document element's `data-theme`, which every stylesheet keys its colour variables on, and Monaco follows it.
 * `initTheme` runs in the entry module before React renders, so the first frame already has the right colours
 * (the CSP forbids the usual inline script in index.html).
 */
import { create } from 'zustand'

export type ThemePreference = 'system' | 'light' | 'dark'
export type Theme = 'light' | 'dark'

export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark']
const STORAGE_KEY = 'reprodiff.theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

/** What the theme code needs from `window`: a fake of it is enough in tests. */
export interface ThemeHost {
  matchMedia?: (query: string) => Pick<MediaQueryList, 'matches' | 'addEventListener'>
  localStorage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>
  document?: { documentElement: { dataset: DOMStringMap; style: { colorScheme: string } } }
}

export function resolveTheme(preference: ThemePreference, systemPrefersDark: boolean): Theme {
  if (preference === 'system') return systemPrefersDark ? 'dark' : 'light'
  return preference
}

/** The toggle cycles system → light → dark → system. */
export function nextPreference(preference: ThemePreference): ThemePreference {
  return THEME_PREFERENCES[(THEME_PREFERENCES.indexOf(preference) + 1) % THEME_PREFERENCES.length]
}

/** Storage can be missing or throw on access (blocked cookies, sandboxed frames): both mean "system". */
function storageOf(host: ThemeHost): ThemeHost['localStorage'] | null {
  try {
    return host.localStorage ?? null
  } catch {
    return null
  }
}

export function loadPreference(host: ThemeHost): ThemePreference {
  try {
    const saved = storageOf(host)?.getItem(STORAGE_KEY)
    return THEME_PREFERENCES.includes(saved as ThemePreference) ? (saved as ThemePreference) : 'system'
  } catch {
    return 'system'
  }
}

/** "system" is stored as nothing, so the default is what a reviewer who never chose gets. */
export function savePreference(host: ThemeHost, preference: ThemePreference): void {
  try {
    if (preference === 'system') storageOf(host)?.removeItem(STORAGE_KEY)
    else storageOf(host)?.setItem(STORAGE_KEY, preference)
  } catch {
    // Full or blocked storage: the choice holds for this visit.
  }
}

function systemPrefersDark(host: ThemeHost): boolean {
  try {
    return host.matchMedia?.(DARK_QUERY).matches ?? false
  } catch {
    return false
  }
}

/** `color-scheme` too: scrollbars, form controls and the dialog backdrop follow the page. */
function applyTheme(host: ThemeHost, theme: Theme): void {
  const root = host.document?.documentElement
  if (!root) return
  root.dataset.theme = theme
  root.style.colorScheme = theme
}

interface ThemeState {
  preference: ThemePreference
  theme: Theme
  systemDark: boolean
  setPreference(preference: ThemePreference): void
  cycle(): void
}

let themeHost: ThemeHost = {}

export const useThemeStore = create<ThemeState>()((set, get) => ({
  preference: 'system',
  theme: 'light',
  systemDark: false,
  setPreference(preference) {
    const theme = resolveTheme(preference, get().systemDark)
    savePreference(themeHost, preference)
    applyTheme(themeHost, theme)
    set({ preference, theme })
  },
  cycle() {
    get().setPreference(nextPreference(get().preference))
  },
}))

/** Reads the saved choice and the system setting, applies the theme, and follows later changes of the system setting. */
export function initTheme(host: ThemeHost): Theme {
  themeHost = host
  const preference = loadPreference(host)
  const systemDark = systemPrefersDark(host)
  const theme = resolveTheme(preference, systemDark)
  applyTheme(host, theme)
  useThemeStore.setState({ preference, systemDark, theme })
  try {
    host.matchMedia?.(DARK_QUERY).addEventListener('change', (event) => {
      const { preference: current } = useThemeStore.getState()
      const next = resolveTheme(current, event.matches)
      applyTheme(host, next)
      useThemeStore.setState({ systemDark: event.matches, theme: next })
    })
  } catch {
    // An old MediaQueryList without addEventListener: the theme is right at load and follows the toggle.
  }
  return theme
}
