/**
 * The wheel's generated metadata checked against what the audited source declares: METADATA against the sdist's
 * PKG-INFO (core metadata spec; from Metadata-Version 2.2 a field not listed as `Dynamic` must be the same in the
 * wheel, PEP 643, so an absent field is compared too; before, only the fields PKG-INFO has) and against
 * pyproject.toml `[project]` (PEP 621: name, version, requires-python, dependencies, scripts, where not dynamic);
 * entry_points.txt against `[project.scripts]`/`[project.gui-scripts]`; License-File against the sdist's files.
 * Each difference names its field; the METADATA or entry_points.txt member then differs from the source.
 */
import { fieldValues, parseCoreMetadata, type CoreMetadata } from '../python/core-metadata'
import { parseEntryPoints } from '../python/entry-points'
import type { Member, PackageFieldDifference } from '../types'
import { retainedText, type TraceContext } from './context'
import type { TomlTable, TomlValue } from './toml'

const COMPARED_FIELDS = ['Name', 'Version', 'Requires-Dist', 'Requires-Python', 'Provides-Extra', 'License-Expression', 'License-File']

export interface MetadataCheck {
  differences: PackageFieldDifference[]
  /** The wheel's METADATA, when it was read. */
  metadata: CoreMetadata | null
}

/** PEP 503 name normalisation; requirement text without spaces (backends write `a >= 1` as `a>=1`). */
const normalizeName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-')
const normalizeRequirement = (text: string) => {
  const compact = text.replace(/\s+/g, '').replace(/'/g, '"')
  const name = /^[A-Za-z0-9._-]+/.exec(compact)?.[0] ?? ''
  return normalizeName(name) + compact.slice(name.length)
}
const NORMALIZE: Record<string, (value: string) => string> = { Name: normalizeName, 'Requires-Dist': normalizeRequirement, 'Requires-Python': (v) => v.replace(/\s+/g, '') }

function sameMultiset(a: string[], b: string[]): boolean {
  return a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0')
}

function difference(source: string, field: string, left: string[], right: string[]): PackageFieldDifference {
  return { source, field, left, right, orderOnly: false }
}

export function findMember(members: Member[], pattern: RegExp): Member | null {
  return members.find((member) => member.type === 'file' && pattern.test(member.path)) ?? null
}

export function checkMetadata(context: TraceContext): MetadataCheck {
  const metadataMember = findMember(context.wheel.members, /^[^/]+\.dist-info\/METADATA$/)
  const metadataText = metadataMember && retainedText(context.wheel, metadataMember)
  if (metadataText === null || metadataText === undefined) return { differences: [], metadata: null }
  const metadata = parseCoreMetadata(metadataText)
  const pkgInfoMember = context.index.files.get(`${context.index.root}PKG-INFO`)
  const pkgInfoText = pkgInfoMember && retainedText(context.sdist, pkgInfoMember)
  // concat, not push(...): an entry_points.txt can hold any number of entries.
  const differences = (pkgInfoText ? againstPkgInfo(parseCoreMetadata(pkgInfoText), metadata) : [])
    .concat(context.layout.project ? againstProject(context.layout.project, metadata) : [])
    .concat(licenceFiles(metadata, context), entryPoints(context))
  return { differences, metadata }
}

function againstPkgInfo(pkgInfo: CoreMetadata, metadata: CoreMetadata): PackageFieldDifference[] {
  const version = Number(fieldValues(pkgInfo, 'Metadata-Version')[0] ?? '0')
  const dynamic = new Set(fieldValues(pkgInfo, 'Dynamic').map((field) => field.toLowerCase()))
  const out: PackageFieldDifference[] = []
  for (const field of COMPARED_FIELDS) {
    const source = fieldValues(pkgInfo, field)
    if (dynamic.has(field.toLowerCase())) continue
    if (source.length === 0 && !(version >= 2.2)) continue
    const built = fieldValues(metadata, field)
    const normalize = NORMALIZE[field] ?? ((v: string) => v)
    if (!sameMultiset(source.map(normalize), built.map(normalize))) out.push(difference('PKG-INFO', field, source, built))
  }
  return out
}

const textList = (value: TomlValue | undefined) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [])

function againstProject(project: TomlTable, metadata: CoreMetadata): PackageFieldDifference[] {
  const dynamic = new Set(textList(project.dynamic))
  const out: PackageFieldDifference[] = []
  const single = (key: string, field: string, normalize: (v: string) => string) => {
    const value = project[key]
    if (typeof value !== 'string' || dynamic.has(key)) return
    const built = fieldValues(metadata, field)
    if (built.length !== 1 || normalize(built[0]) !== normalize(value)) out.push(difference('pyproject.toml [project]', field, [value], built))
  }
  single('name', 'Name', normalizeName)
  single('version', 'Version', (v) => v)
  single('requires-python', 'Requires-Python', NORMALIZE['Requires-Python'])
  if (!dynamic.has('dependencies') && project.dependencies !== undefined) {
    const declared = textList(project.dependencies)
    // Optional dependencies come with an `extra ==` marker (core metadata Requires-Dist); only the plain ones are compared here.
    const built = fieldValues(metadata, 'Requires-Dist').filter((value) => !/extra\s*==/.test(value))
    if (!sameMultiset(declared.map(normalizeRequirement), built.map(normalizeRequirement))) out.push(difference('pyproject.toml [project]', 'Requires-Dist', declared, built))
  }
  return out
}

function licenceFiles(metadata: CoreMetadata, context: TraceContext): PackageFieldDifference[] {
  const missing = fieldValues(metadata, 'License-File').filter((path) => !context.index.files.has(`${context.index.root}${path}`))
  return missing.length > 0 ? [difference('sdist files', 'License-File', [], missing)] : []
}

/** The wheel's entry points against the sdist's: `[project.scripts]`/`[project.gui-scripts]`, else an egg-info's entry_points.txt. */
function entryPoints(context: TraceContext): PackageFieldDifference[] {
  const member = findMember(context.wheel.members, /^[^/]+\.dist-info\/entry_points\.txt$/)
  const built = member ? parseEntryPoints(retainedText(context.wheel, member) ?? '') : new Map<string, string>()
  const project = context.layout.project
  if (!project) return againstEggInfo(context, built)
  if (textList(project.dynamic).some((key) => key === 'scripts' || key === 'gui-scripts')) return []
  const out: PackageFieldDifference[] = []
  for (const [key, group] of [['scripts', 'console_scripts'], ['gui-scripts', 'gui_scripts']] as const) {
    const declared = project[key]
    const table = declared && typeof declared === 'object' && !Array.isArray(declared) ? declared : {}
    const names = new Set<string>()
    for (const name of Object.keys(table)) names.add(name)
    for (const entry of built.keys()) if (entry.startsWith(`${group} / `)) names.add(entry.slice(group.length + 3))
    for (const name of names) {
      const want = typeof table[name] === 'string' ? (table[name] as string).replace(/\s+/g, '') : undefined
      const have = built.get(`${group} / ${name}`)?.replace(/\s+/g, '')
      if (want !== have) out.push(difference('pyproject.toml [project]', `${group} / ${name}`, want ? [want] : [], have ? [have] : []))
    }
  }
  return out
}

/** setuptools writes `<name>.egg-info/entry_points.txt` into the sdist: the wheel's must list the same entries, every group. */
function againstEggInfo(context: TraceContext, built: Map<string, string>): PackageFieldDifference[] {
  const egg = findMember(context.sdist.members, /^([^/]+\/)*[^/]+\.egg-info\/entry_points\.txt$/)
  const text = egg && retainedText(context.sdist, egg)
  if (!egg || text === null) return []
  const declared = parseEntryPoints(text)
  const out: PackageFieldDifference[] = []
  for (const name of new Set([...declared.keys(), ...built.keys()])) {
    const want = declared.get(name)?.replace(/\s+/g, '')
    const have = built.get(name)?.replace(/\s+/g, '')
    if (want !== have) out.push(difference(egg.path, name, want ? [want] : [], have ? [have] : []))
  }
  return out
}
