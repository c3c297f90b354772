/**
 * ambiguous-format (security): one file that parses as several containers (a tar or tar.gz followed by a
 * complete zip, a zip whose comment hides a second end record). Tools disagree on which one the file is:
 * tarfile and gzip read from offset 0, CPython's zipfile (hence pip) from the last end record, so what a
 * reviewer inspects and what gets installed may differ. The reader found every reading and compared one.
 */
import type { ContainerReading, Side } from '../../types'
import { finding, type ExplanationRule } from '../rule'

const FORMAT_WORDS: Record<string, string> = { zip: 'zip', tar: 'tar', 'tar+gzip': 'tar.gz', gzip: 'gzip' }

function describeReading(reading: ContainerReading): string {
  const end = reading.endRecordOffset === undefined ? '' : `, end record at ${reading.endRecordOffset}`
  return `${FORMAT_WORDS[reading.format] ?? reading.format} at offset ${reading.offset}${end}`
}

export const ambiguousFormatRule: ExplanationRule = {
  cause: 'ambiguous-format',
  security: true,
  description: 'One file that parses as several containers (a tar followed by a zip, a second zip end record in a comment).',
  explain({ report }) {
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const readings = report[side].readings ?? []
      if (readings.length < 2) return []
      const chosen = readings.find((reading) => reading.chosen)
      const listed = readings.map((reading) => `${describeReading(reading)}${reading.chosen ? ' (compared)' : ''}`).join('; ')
      return [finding({
        cause: 'ambiguous-format',
        severity: 'security',
        title: `The ${side} file (${report[side].name}) is ${readings.length} containers at once: ${listed}. ${report[side].readingChoice ?? (chosen ? `The ${describeReading(chosen)} was compared.` : '')}`,
        members: [],
        evidence: { side, readings, readingChoice: report[side].readingChoice ?? null },
        remedy: 'Different tools will read different contents from this file (a parser differential): what was reviewed may not be what gets installed. Rebuild it with a standard tool and find out what added the second container.',
      })]
    })
  },
}
