import { describe, expect, it } from 'vitest'
import { readLayout } from '../../../src/core/trace/config'
import { parseToml } from '../../../src/core/trace/toml'
import { CoreFailure } from '../../../src/core/errors'

const roots = (files: Parameters<typeof readLayout>[0]) => readLayout(files).roots.map(({ source, wheel }) => ({ source, wheel }))

describe('parseToml (the pyproject.toml subset)', () => {
  it('reads tables, dotted and quoted keys, arrays over lines, inline tables and both string kinds', () => {
    const toml = parseToml([
      '[project]', 'name = "pkg"  # comment', "version = '1.0'", 'dependencies = [', '  "a >= 1",', "  'b',", ']',
      '[tool.setuptools.package-dir]', '"" = "src"', '[[tool.poetry.packages]]', 'include = "pkg"', 'from = "src"',
      'x.y = { a = 1, b = true }', 'd = """', 'multi\\', '  line"""', 'n = 1_000',
    ].join('\n'))
    expect(toml.project).toEqual({ name: 'pkg', version: '1.0', dependencies: ['a >= 1', 'b'] })
    expect(toml.tool).toMatchObject({ setuptools: { 'package-dir': { '': 'src' } }, poetry: { packages: [{ include: 'pkg', from: 'src', x: { y: { a: 1, b: true } }, d: 'multiline', n: 1000 }] } })
  })

  it('fails with a coded error and an offset on what it cannot read', () => {
    for (const text of ['a = ', 'a = "x', '[a', 'a = 1\na = 2', 'a = @', 'a = "x" b']) {
      let thrown: unknown
      try { parseToml(text) } catch (error) { thrown = error }
      expect(thrown, text).toBeInstanceOf(CoreFailure)
      expect((thrown as CoreFailure).error.code).toBe('CORRUPT_STRUCTURE')
      expect((thrown as CoreFailure).error.offset).toBeTypeOf('number')
    }
  })
})

describe('readLayout', () => {
  it('reads setuptools package-dir and packages.find.where', () => {
    expect(roots({ pyproject: '[tool.setuptools]\npackage-dir = {"" = "src"}\n' })).toEqual([{ source: 'src/', wheel: '' }])
    expect(roots({ pyproject: '[tool.setuptools.packages.find]\nwhere = ["lib"]\n' })).toEqual([{ source: 'lib/', wheel: '' }])
  })

  it('reads hatch packages and sources', () => {
    expect(roots({ pyproject: '[tool.hatch.build.targets.wheel]\npackages = ["src/pkg"]\n' })).toEqual([{ source: 'src/pkg/', wheel: 'pkg/' }])
    expect(roots({ pyproject: '[tool.hatch.build.targets.wheel.sources]\n"src/pkg" = "pkg"\n' })).toEqual([{ source: 'src/pkg/', wheel: 'pkg/' }])
  })

  it('reads flit, pdm and poetry', () => {
    expect(roots({ pyproject: '[tool.flit.module]\nname = "ns.mod"\n' })).toEqual([{ source: 'ns/mod/', wheel: 'ns/mod/' }, { source: 'src/ns/mod/', wheel: 'ns/mod/' }])
    expect(roots({ pyproject: '[tool.pdm.build]\npackage-dir = "src"\n' })).toEqual([{ source: 'src/', wheel: '' }])
    expect(roots({ pyproject: '[tool.poetry]\npackages = [{ include = "pkg", from = "lib" }, { include = "x*" }]\n' })).toEqual([{ source: 'lib/pkg/', wheel: 'pkg/' }])
    expect(readLayout({ pyproject: '[tool.poetry]\npackages = [{ include = "x*" }]\n' }).notes[0]).toMatch(/glob/)
  })

  it('reads setup.cfg package_dir and packages.find where', () => {
    const cfg = '[metadata]\nname = pkg\n[options]\npackage_dir =\n    =src\n    other = lib/other\npackages = find:\n[options.packages.find]\nwhere = src\n'
    expect(roots({ setupCfg: cfg })).toEqual([{ source: 'src/', wheel: '' }, { source: 'lib/other/', wheel: 'other/' }, { source: 'src/', wheel: '' }])
  })

  it('says what it could not read instead of guessing', () => {
    const layout = readLayout({ pyproject: '[tool.setuptools]\npackage-dir = {"" = "src"\n' })
    expect(layout.roots).toEqual([])
    expect(layout.notes[0]).toMatch(/^pyproject\.toml could not be read \(pyproject\.toml: .* at offset \d+\)/)
    expect(readLayout({}).notes[0]).toMatch(/neither pyproject\.toml nor setup\.cfg/)
  })

  it('names the version tool', () => {
    expect(readLayout({ pyproject: '[tool.setuptools_scm]\n' }).versionTool).toBe('setuptools-scm')
    expect(readLayout({ pyproject: '[tool.hatch.version]\nsource = "vcs"\n' }).versionTool).toBe('hatch-vcs')
  })
})
