/** tool-version: WHEEL Generator or Metadata-Version differ: another build backend or version (formats.md C.14). */
import { CONTENT, finding, type ExplanationRule } from '../rule'

const TOOL_FIELDS = new Set(['generator', 'metadata-version'])

export const toolVersionRule: ExplanationRule = {
  cause: 'tool-version',
  description: 'WHEEL Generator or Metadata-Version differ.',
  explain({ report }) {
    const fields = report.package?.fields.filter((f) => TOOL_FIELDS.has(f.field.toLowerCase()) && f.source !== 'file name') ?? []
    if (fields.length === 0) return []
    // A metadata file is explained when every field that differs in it is a tool field.
    const sources = new Set(fields.map((f) => f.source))
    const explained = [...sources].filter((source) => report.package!.fields.filter((f) => f.source === source).every((f) => TOOL_FIELDS.has(f.field.toLowerCase())))
    const members = report.members.filter((m) => m.status === 'modified' && explained.some((source) => m.path.endsWith(`/${source}`) || m.path === source))
    const words = fields.map((f) => `${f.source} ${f.field} ${f.left.join(', ') || '(none)'} against ${f.right.join(', ') || '(none)'}`)
    return [finding({
      cause: 'tool-version',
      title: `Built by different tool versions: ${words.join('; ')}`,
      members: members.map((m) => m.path),
      fields: [CONTENT],
      evidence: { fields },
      remedy: 'Pin the build backend and its version (build-system.requires in pyproject.toml, or a lock file for the build environment).',
    })]
  },
}
