import { nextPreference, useThemeStore, type ThemePreference } from '../../store/theme'

const GLYPH: Record<ThemePreference, string> = { system: '◐', light: '☀', dark: '☾' }
const NAME: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' }
const TARGET: Record<ThemePreference, string> = { system: 'follow the system setting', light: 'the light theme', dark: 'the dark theme' }

/** The header's theme button: shows the choice in force and, in its name, what a press switches to. */
export function ThemeToggle() {
  const preference = useThemeStore((state) => state.preference)
  const theme = useThemeStore((state) => state.theme)
  const cycle = useThemeStore((state) => state.cycle)
  const current = preference === 'system' ? `system (${theme} now)` : preference
  const label = `Theme: ${current}. Switch to ${TARGET[nextPreference(preference)]}`
  return (
    <button type="button" className="button theme-toggle" data-testid="theme-toggle" data-preference={preference}
      aria-label={label} title={label} onClick={cycle}>
      <span aria-hidden="true">{GLYPH[preference]}</span> Theme: {NAME[preference]}
    </button>
  )
}
