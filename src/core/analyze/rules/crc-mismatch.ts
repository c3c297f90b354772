/**
 * crc-mismatch (security): a zip member whose data does not match its declared CRC-32 (APPNOTE 4.4.7):
 * corruption, or bytes edited in place. The member is still hashed and compared as stored.
 */
import { sidesOf } from '../member-anomalies'
import { finding, listPaths, memberIndex, plural, verb, type ExplanationRule } from '../rule'

export const crcMismatchRule: ExplanationRule = {
  cause: 'crc-mismatch',
  security: true,
  description: 'Zip members whose data fails their CRC-32 check.',
  explain(context) {
    const flagged = memberIndex(context).withError((code) => code === 'CRC_MISMATCH')
    if (flagged.length === 0) return []
    return [finding({
      cause: 'crc-mismatch',
      severity: 'security',
      title: `${plural(flagged.length, 'member')} in ${sidesOf(flagged)} ${verb(flagged.length, 'fail')} the CRC-32 check: ${listPaths([...new Set(flagged.map((f) => f.path))])}`,
      members: [...new Set(flagged.map((f) => f.member.path))],
      evidence: { members: flagged.map((f) => ({ side: f.side, path: f.path, message: f.message, offset: f.offset })) },
      remedy: 'The archive is corrupt or was edited in place: get a fresh copy and verify its published hash.',
    })]
  },
}
