/**
 * tool-version: another build backend or backend version (formats.md C.14). Seen in WHEEL's Generator and
 * Metadata-Version, and also in the metadata itself when the Generator is the same: fields one backend
 * version writes and another does not (core metadata spec, packaging.python.org .../core-metadata/):
 * - `UNKNOWN` placeholders (distutils and older setuptools wrote `Platform: UNKNOWN`, `Home-page: UNKNOWN`, …
 *   for a field the project left empty; later versions leave the field out);
 * - `License-File` and `Dynamic` on one side only (newer backends list license files, Metadata 2.2 added Dynamic);
 * - the long description in the `Description` field on one side and in the message body on the other
 *   (Metadata-Version 2.1 allows the body), or the same description indented differently;
 * - the compared METADATA / PKG-INFO written differently with every field and the body the same (field
 *   order, indentation of continued lines: the parser reads those alike, so no field shows the change).
 * A field whose values really differ (another license file, another text) is content, never a tool version.
 */
import type { Finding, MemberComparison, PackageFieldDifference, Report } from '../../types'
import type { MemberIndex } from '../member-index'
import { CONTENT, finding, memberIndex, type ExplanationRule } from '../rule'

const TOOL_FIELDS = new Set(['generator', 'metadata-version'])
/** Fields a newer backend writes where an older one writes nothing. */
const WRITTEN_BY_NEWER = new Set(['license-file', 'dynamic'])
const BODY = 'description (body)'
const METADATA_SOURCES = new Set(['METADATA', 'PKG-INFO'])

/** The description with each line's indentation and the blank lines at its ends removed. */
function withoutIndentation(text: string): string {
  return text.split(/\r\n|\n|\r/).map((line) => line.trim()).join('\n').trim()
}

const sideOnly = (f: PackageFieldDifference) => (f.left.length > 0 && f.right.length === 0 ? 'left' : f.right.length > 0 && f.left.length === 0 ? 'right' : null)
const isUnknownPlaceholder = (values: string[]) => values.length === 1 && values[0] === 'UNKNOWN'

/** The description of one side: its Description field, or else its message body. */
function descriptionOf(fields: PackageFieldDifference[], side: 'left' | 'right'): { where: string; text: string } | null {
  const header = fields.find((f) => f.field.toLowerCase() === 'description')?.[side][0]
  const body = fields.find((f) => f.field.toLowerCase() === BODY)?.[side][0]
  if (header) return { where: 'the Description field', text: header }
  return body ? { where: 'the message body', text: body } : null
}

/** Why the description fields of one metadata file differ only as another tool writes them, or null. */
function descriptionReason(source: string, fields: PackageFieldDifference[]): string | null {
  const differing = fields.filter((f) => f.field.toLowerCase() === 'description' || f.field.toLowerCase() === BODY)
  if (differing.length === 0) return null
  const left = descriptionOf(fields, 'left')
  const right = descriptionOf(fields, 'right')
  if (!left || !right || withoutIndentation(left.text) !== withoutIndentation(right.text)) return null
  if (left.where !== right.where) return `${source} description in ${left.where} on the left, in ${right.where} on the right (Metadata-Version 2.1 moved it to the body)`
  return `${source} description indented differently (same text)`
}

/** Why one field difference shows another tool version, or null when it is a real metadata change. */
function fieldReason(f: PackageFieldDifference): string | null {
  const name = f.field.toLowerCase()
  if (TOOL_FIELDS.has(name)) return `${f.source} ${f.field} ${f.left.join(', ') || '(none)'} against ${f.right.join(', ') || '(none)'}`
  if (!METADATA_SOURCES.has(f.source)) return null
  const only = sideOnly(f)
  if (!only) return null
  if (isUnknownPlaceholder(f[only])) return `${f.source} ${f.field}: UNKNOWN on the ${only} only (a placeholder older setuptools writes for an empty field)`
  if (WRITTEN_BY_NEWER.has(name)) return `${f.source} ${f.field} on the ${only} only (${f[only].join(', ')}; newer backends list ${name === 'dynamic' ? 'the fields left dynamic' : 'the license files'})`
  return null
}

/** Every tool-version reason among the package field differences, and the differences they explain. */
function toolDifferences(fields: PackageFieldDifference[]): { reasons: string[]; explained: Set<PackageFieldDifference> } {
  const reasons: string[] = []
  const explained = new Set<PackageFieldDifference>()
  for (const f of fields) {
    if (f.source === 'file name') continue
    const reason = fieldReason(f)
    if (reason) (reasons.push(reason), explained.add(f))
  }
  for (const source of METADATA_SOURCES) {
    const ofSource = fields.filter((f) => f.source === source)
    const reason = descriptionReason(source, ofSource)
    if (!reason) continue
    reasons.push(reason)
    for (const f of ofSource) if (['description', BODY].includes(f.field.toLowerCase())) explained.add(f)
  }
  return { reasons, explained }
}

/** The metadata file the package comparison read, by its source: a wheel's dist-info METADATA, an sdist's root PKG-INFO. */
const COMPARED_FILE: Record<string, RegExp> = { METADATA: /^[^/]+\.dist-info\/METADATA$/, 'PKG-INFO': /^(?:[^/]+\/)?PKG-INFO$/ }

/**
 * A compared metadata file whose bytes differ while every field and the body read the same: only the
 * writing differs (field order, the indentation of continued lines such as an indented Description,
 * spacing), which is what another version of the same backend changes. Claimed only when both sides'
 * metadata was read and nothing earlier (line endings) explains the file.
 */
function sameFieldsWrittenDifferently(report: Report, earlier: Finding[], index: MemberIndex): { reasons: string[]; members: MemberComparison[] } {
  const left = report.package?.left
  const right = report.package?.right
  if (!left?.kind || left.kind !== right?.kind || !left.metadataVersion || !right.metadataVersion) return { reasons: [], members: [] }
  const source = left.kind === 'wheel' ? 'METADATA' : 'PKG-INFO'
  if (report.package!.fields.some((f) => f.source === source)) return { reasons: [], members: [] }
  const members = index.withStatus('modified').filter((m) => m.leftPath !== null && m.rightPath !== null
    && COMPARED_FILE[source].test(m.leftPath) && COMPARED_FILE[source].test(m.rightPath) && !index.isExplained(earlier, m.path, CONTENT))
  if (members.length === 0) return { reasons: [], members: [] }
  return { reasons: [`${source} written differently with the same fields and values (field order or the indentation of continued lines)`], members }
}

export const toolVersionRule: ExplanationRule = {
  cause: 'tool-version',
  description: 'WHEEL Generator or Metadata-Version differ, or the metadata is written as another backend version writes it.',
  explain(context) {
    const { report, earlier } = context
    const index = memberIndex(context)
    const all = report.package?.fields ?? []
    const { reasons, explained } = toolDifferences(all)
    const formatting = sameFieldsWrittenDifferently(report, earlier, index)
    if (reasons.length === 0 && formatting.reasons.length === 0) return []
    // A metadata file is explained when every field that differs in it is explained by a tool version.
    const sources = new Set([...explained].map((f) => f.source))
    const explainedSources = [...sources].filter((source) => all.filter((f) => f.source === source).every((f) => explained.has(f)))
    const members = index.withStatus('modified').filter((m) => explainedSources.some((source) => m.path.endsWith(`/${source}`) || m.path === source))
    return [finding({
      cause: 'tool-version',
      title: `Built by different tool versions: ${[...reasons, ...formatting.reasons].join('; ')}`,
      members: [...new Set([...members, ...formatting.members].map((m) => m.path))],
      fields: [CONTENT],
      evidence: { fields: all.filter((f) => explained.has(f)), reasons: [...reasons, ...formatting.reasons] },
      remedy: 'Pin the build backend and its version (build-system.requires in pyproject.toml, or a lock file for the build environment).',
    })]
  },
}
