/**
 * The package layout an sdist's build configuration declares: which source directory becomes which wheel directory.
 * Read from pyproject.toml (setuptools `[tool.setuptools] package-dir`/`packages`/`packages.find.where`, hatch
 * `[tool.hatch.build.targets.wheel] packages`/`sources`, flit `[tool.flit.module] name`, pdm
 * `[tool.pdm.build] package-dir`, poetry `[tool.poetry] packages`) and setup.cfg (`[options] package_dir`,
 * `[options.packages.find] where`). What cannot be read is said in `notes`, never guessed silently; the src/ and flat
 * layouts found from the files themselves (mapping.ts) cover the rest.
 */
import { toCoreError } from '../errors'
import { parseToml, type TomlTable, type TomlValue } from './toml'

export interface LayoutRoot {
  /** Relative to the sdist's root directory, with a trailing slash ('' for the root itself). */
  source: string
  /** The wheel directory it becomes, with a trailing slash ('' for the wheel's root). */
  wheel: string
  /** Where it was read: `pyproject.toml [tool.setuptools] package-dir`, … */
  origin: string
}

export interface SourceLayout {
  roots: LayoutRoot[]
  notes: string[]
  /** `[project]` of pyproject.toml, when it was read. */
  project: TomlTable | null
  /** The tool that writes a version file at build time, when the configuration names one. */
  versionTool: 'setuptools-scm' | 'hatch-vcs' | null
}

const dir = (path: string) => (path === '' || path === '.' ? '' : `${path.replace(/^\.\//, '').replace(/\/+$/, '')}/`)
const table = (value: TomlValue | undefined): TomlTable | null => (value && typeof value === 'object' && !Array.isArray(value) ? value : null)
const strings = (value: TomlValue | undefined): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [])

/** Follows a dotted path of tables (`tool.hatch.build.targets.wheel`), null where one is missing. */
function at(root: TomlTable, path: string): TomlTable | null {
  let current: TomlTable | null = root
  for (const key of path.split('.')) current = current ? table(current[key]) : null
  return current
}

export function readLayout(files: { pyproject?: string; setupCfg?: string }): SourceLayout {
  const layout: SourceLayout = { roots: [], notes: [], project: null, versionTool: null }
  if (files.pyproject !== undefined) {
    try {
      readPyproject(parseToml(files.pyproject), layout)
    } catch (thrown) {
      const error = toCoreError(thrown)
      layout.notes.push(`pyproject.toml could not be read (${error.message}${error.offset !== undefined ? ` at offset ${error.offset}` : ''}): its package layout is not used`)
    }
  }
  if (files.setupCfg !== undefined) readSetupCfg(files.setupCfg, layout)
  if (files.pyproject === undefined && files.setupCfg === undefined) layout.notes.push('the sdist has neither pyproject.toml nor setup.cfg: the layout was found from its files')
  return layout
}

function readPyproject(toml: TomlTable, layout: SourceLayout): void {
  layout.project = table(toml.project)
  const tool = table(toml.tool) ?? {}
  if (tool.setuptools_scm !== undefined || tool['setuptools-scm'] !== undefined) layout.versionTool = 'setuptools-scm'
  if (at(toml, 'tool.hatch.version')?.source === 'vcs') layout.versionTool = 'hatch-vcs'
  for (const read of PYPROJECT_READERS) read(toml, layout)
}

/** One reader per build backend's configuration (a registry, not a switch ladder). */
const PYPROJECT_READERS: ((toml: TomlTable, layout: SourceLayout) => void)[] = [
  function setuptools(toml, layout) {
    const config = at(toml, 'tool.setuptools')
    if (!config) return
    const origin = 'pyproject.toml [tool.setuptools]'
    const packageDir = table(config['package-dir'])
    for (const [name, path] of Object.entries(packageDir ?? {})) {
      if (typeof path === 'string') layout.roots.push({ source: dir(path), wheel: dir(name.replace(/\./g, '/')), origin: `${origin} package-dir` })
    }
    const find = table(table(config.packages)?.find)
    for (const where of strings(find?.where)) layout.roots.push({ source: dir(where), wheel: '', origin: `${origin} packages.find.where` })
    if (config.packages !== undefined && !find && !Array.isArray(config.packages)) layout.notes.push(`${origin} packages is neither a list nor packages.find: not used`)
  },
  function hatch(toml, layout) {
    const wheel = at(toml, 'tool.hatch.build.targets.wheel')
    if (!wheel) return
    const origin = 'pyproject.toml [tool.hatch.build.targets.wheel]'
    for (const path of strings(wheel.packages)) {
      const clean = path.replace(/\/+$/, '')
      layout.roots.push({ source: dir(clean), wheel: dir(clean.slice(clean.lastIndexOf('/') + 1)), origin: `${origin} packages` })
    }
    const sources = wheel.sources
    if (Array.isArray(sources)) for (const prefix of strings(sources)) layout.roots.push({ source: dir(prefix), wheel: '', origin: `${origin} sources` })
    for (const [from, to] of Object.entries(table(sources) ?? {})) {
      if (typeof to === 'string') layout.roots.push({ source: dir(from), wheel: dir(to), origin: `${origin} sources` })
    }
  },
  function flit(toml, layout) {
    const name = at(toml, 'tool.flit.module')?.name
    if (typeof name !== 'string') return
    const path = name.replace(/\./g, '/')
    const origin = 'pyproject.toml [tool.flit.module] name'
    layout.roots.push({ source: dir(path), wheel: dir(path), origin }, { source: dir(`src/${path}`), wheel: dir(path), origin })
  },
  function pdm(toml, layout) {
    const packageDir = at(toml, 'tool.pdm.build')?.['package-dir']
    if (typeof packageDir === 'string') layout.roots.push({ source: dir(packageDir), wheel: '', origin: 'pyproject.toml [tool.pdm.build] package-dir' })
  },
  function poetry(toml, layout) {
    const packages = at(toml, 'tool.poetry')?.packages
    if (packages === undefined) return
    const origin = 'pyproject.toml [tool.poetry] packages'
    for (const entry of Array.isArray(packages) ? packages : []) {
      const spec = table(entry)
      const include = spec?.include
      if (typeof include !== 'string' || /[*?[]/.test(include)) {
        layout.notes.push(`${origin}: an entry without a plain "include" (a glob or another form) is not used`)
        continue
      }
      const from = typeof spec!.from === 'string' ? dir(spec!.from) : ''
      const path = include.replace(/\.py$/, '')
      layout.roots.push({ source: dir(`${from}${path}`), wheel: dir(path), origin })
    }
  },
]

/** setup.cfg (configparser INI): `[options] package_dir` lines `name = path` (`=src` for the root) and `[options.packages.find] where`. */
function readSetupCfg(text: string, layout: SourceLayout): void {
  const sections = parseIni(text)
  const options = sections.get('options')
  const origin = 'setup.cfg [options]'
  for (const line of (options?.get('package_dir') ?? '').split('\n')) {
    if (line.trim() === '') continue
    const equals = line.indexOf('=')
    if (equals < 0) {
      layout.notes.push(`${origin} package_dir line "${line.trim()}" has no "=": not used`)
      continue
    }
    const name = line.slice(0, equals).trim()
    layout.roots.push({ source: dir(line.slice(equals + 1).trim()), wheel: dir(name.replace(/\./g, '/')), origin: `${origin} package_dir` })
  }
  const where = sections.get('options.packages.find')?.get('where')
  if (where !== undefined) for (const path of where.split(/[\n,]/).map((p) => p.trim()).filter(Boolean)) layout.roots.push({ source: dir(path), wheel: '', origin: 'setup.cfg [options.packages.find] where' })
}

/** configparser's shape: `[section]`, `key = value` or `key: value`, indented continuation lines, `#`/`;` comments. */
function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>()
  let section: Map<string, string> | null = null
  let key: string | null = null
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (/^\s*[#;]/.test(line) || line.trim() === '') continue
    const header = /^\[([^\]]+)\]\s*$/.exec(line)
    if (header) {
      section = sections.get(header[1].trim()) ?? new Map()
      sections.set(header[1].trim(), section)
      key = null
    } else if (/^\s/.test(line) && section && key !== null) {
      section.set(key, `${section.get(key)}\n${line.trim()}`)
    } else if (section) {
      const match = /^([^=:]+)[=:](.*)$/.exec(line)
      if (!match) continue
      key = match[1].trim().toLowerCase()
      section.set(key, match[2].trim())
    }
  }
  return sections
}
