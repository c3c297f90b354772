/**
 * WCAG 2.1 AA contrast of the page's colours, in both themes, computed from the CSS variable blocks themselves
 * (`:root` for light, `:root[data-theme='dark']` over it for dark), so a colour edited in a stylesheet is checked
 * here. Text: 4.5:1 (SC 1.4.3); marks and control borders: 3:1 (SC 1.4.11). Relative luminance and the ratio as
 * WCAG 2.1 defines them ("relative luminance", "contrast ratio").
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const UI = new URL('../../src/ui/', import.meta.url).pathname

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? cssFiles(join(dir, entry.name)) : entry.name.endsWith('.css') ? [join(dir, entry.name)] : [])
}

const sources = cssFiles(UI).map((path) => ({ path, text: readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '') }))

function variables(selector: RegExp): Map<string, string> {
  const found = new Map<string, string>()
  for (const { text } of sources) {
    for (const block of text.matchAll(new RegExp(`${selector.source}\\s*\\{([^}]*)\\}`, 'g'))) {
      for (const [, name, value] of block[1].matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)) found.set(name, value.trim())
    }
  }
  return found
}

const light = variables(/(?:^|\n):root/)
const dark = new Map([...light, ...variables(/:root\[data-theme='dark'\]/)])
const THEMES = { light, dark }

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16) / 255)
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

export function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (high + 0.05) / (low + 0.05)
}

function color(theme: Map<string, string>, name: string): string {
  const value = theme.get(`--${name}`)
  if (!value || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`--${name} is not a #rrggbb colour: ${value}`)
  return value
}

const STATUSES = ['identical', 'metadata', 'modified', 'left-only', 'right-only']
const STATUS_BGS = STATUSES.map((status) => `${status}-bg`)
/** Foreground → the backgrounds it is drawn on somewhere on the page. */
const TEXT_PAIRS: [string, string[]][] = [
  ['text', ['bg', 'panel', 'panel-alt', 'hover-bg', 'selected-bg', 'pressed-bg', 'chip-bg', 'changed-bg', 'warning-bg', 'security-bg', ...STATUS_BGS]],
  ['text-soft', ['panel', 'warning-bg', ...STATUS_BGS]],
  ['muted', ['bg', 'panel', 'panel-alt', 'hover-bg', 'selected-bg', 'pressed-bg', 'changed-bg', 'warning-bg', ...STATUS_BGS]],
  ['accent', ['bg', 'panel', 'panel-alt', 'pressed-bg', 'security-bg', 'changed-bg']],
  ['accent-hover', ['panel', 'panel-alt']],
  ['on-accent', ['accent', 'accent-hover']],
  ['changed-mark', ['changed-bg', 'panel']],
  ['error-text', ['left-only-bg', 'security-bg']],
  ['security', ['security-bg', 'panel']],
  ['on-status', ['modified', 'left-only', 'security']],
  ['ok', ['panel']],
  ...STATUSES.map((status): [string, string[]] => [status, [`${status}-bg`, 'panel', 'bg', 'hover-bg', 'selected-bg']]),
]
/** Marks that carry meaning and borders that show where a control is. */
const MARK_PAIRS: [string, string[]][] = [
  ['border-strong', ['panel', 'bg']],
  ['focus', ['panel', 'bg', 'panel-alt', 'selected-bg']],
  ['changed-edge', ['changed-bg', 'panel']],
  ['accent', ['selected-bg', 'pressed-bg']],
  ['warning', ['warning-bg', 'panel']],
]

describe.each(Object.entries(THEMES))('%s theme', (_name, theme) => {
  it.each(TEXT_PAIRS)('text in --%s reads at 4.5:1 on its backgrounds', (foreground, backgrounds) => {
    for (const background of backgrounds) {
      expect({ background, ratio: contrast(color(theme, foreground), color(theme, background)) }).toEqual({ background, ratio: expect.toSatisfy((ratio: number) => ratio >= 4.5) })
    }
  })

  it.each(MARK_PAIRS)('the mark --%s stands out at 3:1 from its backgrounds', (foreground, backgrounds) => {
    for (const background of backgrounds) {
      expect({ background, ratio: contrast(color(theme, foreground), color(theme, background)) }).toEqual({ background, ratio: expect.toSatisfy((ratio: number) => ratio >= 3) })
    }
  })
})

describe('colour variables', () => {
  it('computes WCAG ratios (black on white is 21:1, a colour on itself 1:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrast('#123456', '#123456')).toBe(1)
  })

  it('every colour of the light theme has a dark value', () => {
    const lightOnly = [...variables(/(?:^|\n):root/).entries()]
      .filter(([name, value]) => /^(#|rgb)/.test(value) && !variables(/:root\[data-theme='dark'\]/).has(name)).map(([name]) => name)
    expect(lightOnly).toEqual([])
  })

  it('no stylesheet under src/ui writes a colour outside the variable blocks', () => {
    const stray: string[] = []
    for (const { path, text } of sources) {
      // Variable definitions, var() fallbacks and the pre-render fallback are the only places a literal colour may be.
      const rules = text.replace(/--[\w-]+\s*:[^;]+;/g, '').replace(/var\([^()]*(\([^()]*\))?[^()]*\)/g, '')
      for (const match of rules.matchAll(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(|(?<![\w-])(?:white|black)(?![\w-])/gi)) stray.push(`${path.slice(UI.length)}: ${match[0]}`)
    }
    expect(stray).toEqual([])
  })
})
