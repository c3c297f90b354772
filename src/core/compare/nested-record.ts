/**
 * A nested wheel's RECORD, verified as the top level's is (package.ts `checkRecord`): installers check every
 * hash, so a wheel inside an npm tarball whose RECORD lies is as suspect as one dropped directly. `report.package`
 * describes the top level only, so a problem becomes an artefact-level anomaly of the side (`RECORD_MISMATCH`),
 * which the `archive-structure` security finding reports with the container's path.
 */
import type { Anomaly, ArtifactReading } from '../types'
import { decodeUtf8OrEscape } from '../util/text'
import { checkRecord } from './package'

const WHEEL_RECORD = /^[^/]+\.dist-info\/RECORD$/

/** The anomaly for a nested wheel whose RECORD disagrees with what was read inside it; null when it agrees or has none. */
export function nestedRecordAnomaly(reading: ArtifactReading, containerPath: string): Anomaly | null {
  if (!mayHaveRecordAnomaly(reading)) return null
  const record = reading.members.find((member) => WHEEL_RECORD.test(member.path) && reading.retained[member.index] !== undefined)
  if (!record) return null
  const check = checkRecord(reading, record.path, decodeUtf8OrEscape(reading.retained[record.index]))
  const problems = [
    check.hashMismatch.length ? `${check.hashMismatch.length} hash mismatches (${names(check.hashMismatch.map((row) => row.path))})` : '',
    check.sizeMismatch.length ? `${check.sizeMismatch.length} size mismatches (${names(check.sizeMismatch.map((row) => row.path))})` : '',
    check.listedButMissing.length ? `${check.listedButMissing.length} listed but missing (${names(check.listedButMissing)})` : '',
    check.notListed.length ? `${check.notListed.length} present but not listed (${names(check.notListed)})` : '',
  ].filter(Boolean)
  if (problems.length === 0) return null
  return { code: 'RECORD_MISMATCH', message: `The wheel ${containerPath} is not what its RECORD (${record.path}) says: ${problems.join('; ')}` }
}

/** A wheel read without an error: the only nested readings whose RECORD is checked. */
export function mayHaveRecordAnomaly(reading: ArtifactReading): boolean {
  return /\.whl$/i.test(reading.name) && !reading.error
}

function names(paths: string[]): string {
  return paths.length <= 3 ? paths.join(', ') : `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`
}
