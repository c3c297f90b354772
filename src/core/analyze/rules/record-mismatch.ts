/**
 * record-mismatch (security): a wheel's RECORD does not match its own contents. Installers verify every
 * hash (binary distribution format spec), so the wheel was edited after RECORD was written, or RECORD lies.
 */
import type { RecordCheck, Report, Side } from '../../types'
import { finding, listPaths, plural, type ExplanationRule } from '../rule'

function problems(record: RecordCheck): string[] {
  return [
    record.hashMismatch.length ? `${plural(record.hashMismatch.length, 'hash mismatch', 'hash mismatches')} (${listPaths(record.hashMismatch.map((m) => m.path))})` : '',
    record.sizeMismatch.length ? `${plural(record.sizeMismatch.length, 'size mismatch', 'size mismatches')} (${listPaths(record.sizeMismatch.map((m) => m.path))})` : '',
    record.listedButMissing.length ? `${record.listedButMissing.length} listed but missing (${listPaths(record.listedButMissing)})` : '',
    record.notListed.length ? `${record.notListed.length} present but not listed (${listPaths(record.notListed)})` : '',
    // Only when something else is wrong too: an unverifiable algorithm alone is allowed by the spec.
  ].filter(Boolean)
}

/** RECORD names real paths of its own side; the report and the page know members by pairing path. */
function pairingPaths(report: Report, side: Side, realPaths: string[]): string[] {
  const byRealPath = new Map(report.members.map((m) => [side === 'left' ? m.leftPath : m.rightPath, m.path]))
  return [...new Set(realPaths.map((path) => byRealPath.get(path) ?? path))]
}

export const recordMismatchRule: ExplanationRule = {
  cause: 'record-mismatch',
  security: true,
  description: "A wheel's RECORD disagrees with the files it contains.",
  explain({ report }) {
    return (['left', 'right'] as Side[]).flatMap((side) => {
      const record = report.package?.[side].record
      const found = record ? problems(record) : []
      if (!record || found.length === 0) return []
      if (record.unverified.length) found.push(`${record.unverified.length} rows use another hash than sha256 and were not checked`)
      return [finding({
        cause: 'record-mismatch',
        severity: 'security',
        title: `The ${side} wheel is not what its RECORD says: ${found.join('; ')}`,
        members: pairingPaths(report, side, [...record.hashMismatch.map((m) => m.path), ...record.sizeMismatch.map((m) => m.path), ...record.notListed]),
        evidence: { side, ...record },
        remedy: 'Do not install or publish this wheel: a file was changed after RECORD was written. Rebuild it from source and find out what modified it.',
      })]
    })
  },
}
