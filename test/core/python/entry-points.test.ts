/** entry_points.txt: an INI file of groups, compared as "group / name" → value. */
import { describe, expect, it } from 'vitest'
import { parseEntryPoints } from '../../../src/core/python/entry-points'

describe('parseEntryPoints', () => {
  it('keys entries by group and name, so one name may appear in two groups', () => {
    const entries = parseEntryPoints('[console_scripts]\npkg = pkg.cli:main\n\n[gui_scripts]\npkg = pkg.gui:main\n')
    expect([...entries]).toEqual([['console_scripts / pkg', 'pkg.cli:main'], ['gui_scripts / pkg', 'pkg.gui:main']])
  })

  it('trims names, values and group names, keeps extras, and skips comments and blank lines', () => {
    const entries = parseEntryPoints('# generated\n[ console_scripts ]\r\n; a comment\r\n  tool=pkg.cli:main [cli]  \r\n\r\nother   =   pkg.other:run\r\n')
    expect([...entries]).toEqual([['console_scripts / tool', 'pkg.cli:main [cli]'], ['console_scripts / other', 'pkg.other:run']])
  })

  it('keeps plugin groups with dots and lets a later line win for the same name', () => {
    const entries = parseEntryPoints('[pytest11]\nmyplugin = pkg.plugin\n[flake8.extension]\nX1 = pkg.check:Checker\nX1 = pkg.check:Newer\n')
    expect(entries.get('pytest11 / myplugin')).toBe('pkg.plugin')
    expect(entries.get('flake8.extension / X1')).toBe('pkg.check:Newer')
    expect(entries.size).toBe(2)
  })

  it('ignores lines without a name before "="', () => {
    expect(parseEntryPoints('[console_scripts]\n= nothing\njust text\n').size).toBe(0)
  })
})
