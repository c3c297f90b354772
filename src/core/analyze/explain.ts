/**
 * The ordered registry of explanation rules and the entry point that runs them. Order matters: a later
 * rule sees earlier findings (the content rule only reports what no other rule explained; the derived
 * RECORD rule names the cause of the files it follows from). Security findings are listed first.
 */
import type { Finding, Report, Side, SideEvidence } from '../types'
import { MemberIndex } from './member-index'
import type { ExplanationRule } from './rule'
import { archiveStructureRule } from './rules/archive-structure'
import { ambiguousFormatRule } from './rules/ambiguous-format'
import { archiveWriterRule } from './rules/archive-writer'
import { caseCollisionRule } from './rules/case-collision'
import { crcMismatchRule } from './rules/crc-mismatch'
import { linkOutsideRule } from './rules/link-outside'
import { specialFileRule } from './rules/special-file'
import { digestMismatchRule } from './rules/digest-mismatch'
import { confusableNameRule } from './rules/confusable-name'
import { nameEncodingRule } from './rules/name-encoding'
import { unreadableMemberRule } from './rules/unreadable-member'
import { unsafePathRule } from './rules/unsafe-path'
import { untraceableMemberRule } from './rules/untraceable-member'
import { buildPathRule } from './rules/build-path'
import { binaryCommentRule } from './rules/binary-comment'
import { binaryDerivedRule } from './rules/binary-derived'
import { embeddedTimestampRule } from './rules/embedded-timestamp'
import { compressionRule } from './rules/compression'
import { contentRule } from './rules/content'
import { renamedRule } from './rules/renamed'
import { derivedRecordRule } from './rules/derived-record'
import { duplicateNameRule } from './rules/duplicate-name'
import { gzipHeaderRule } from './rules/gzip-header'
import { lineEndingsRule } from './rules/line-endings'
import { orderingRule } from './rules/ordering'
import { ownershipRule } from './rules/ownership'
import { permissionsRule } from './rules/permissions'
import { pycHeaderRule } from './rules/pyc-header'
import { recordMismatchRule } from './rules/record-mismatch'
import { recordOrderRule } from './rules/record-order'
import { timestampsRule } from './rules/timestamps'
import { toolVersionRule } from './rules/tool-version'
import { versionBumpRule } from './rules/version-bump'
import { zipHeaderMismatchRule } from './rules/zip-header-mismatch'

export const EXPLANATION_RULES: ExplanationRule[] = [
  digestMismatchRule,
  untraceableMemberRule,
  recordMismatchRule,
  crcMismatchRule,
  zipHeaderMismatchRule,
  archiveStructureRule,
  ambiguousFormatRule,
  unsafePathRule,
  linkOutsideRule,
  specialFileRule,
  confusableNameRule,
  duplicateNameRule,
  caseCollisionRule,
  nameEncodingRule,
  unreadableMemberRule,
  versionBumpRule,
  timestampsRule,
  permissionsRule,
  ownershipRule,
  orderingRule,
  gzipHeaderRule,
  compressionRule,
  lineEndingsRule,
  toolVersionRule,
  binaryCommentRule,
  buildPathRule,
  embeddedTimestampRule,
  pycHeaderRule,
  binaryDerivedRule,
  recordOrderRule,
  archiveWriterRule,
  derivedRecordRule,
  renamedRule,
  contentRule,
]

const NO_EVIDENCE: Record<Side, SideEvidence> = { left: {}, right: {} }

/** Runs every rule in order; a rule that throws is skipped with a finding saying so (one bad rule hides nothing else). */
export function explainDifferences(report: Report, evidence: Record<Side, SideEvidence> = NO_EVIDENCE): Finding[] {
  const findings: Finding[] = []
  // Identical files have no differences to explain, and with a side unreadable differences are not
  // comparable causes; in both cases what the reader saw may still be hostile.
  const securityOnly = report.verdict === 'error' || report.verdict === 'identical'
  const rules = securityOnly ? EXPLANATION_RULES.filter((rule) => rule.security) : EXPLANATION_RULES
  // Built part by part as the rules ask: one pass over the members for what several rules need.
  const index = new MemberIndex(report)
  for (const rule of rules) {
    try {
      findings.push(...rule.explain({ report, evidence, earlier: findings, index }))
    } catch (thrown) {
      findings.push({
        cause: 'analysis-error', title: `The ${rule.cause} rule failed: ${String(thrown)}`, derived: false, members: [], evidence: {},
        remedy: 'Please report this with the two files if you can share them.', severity: 'cause',
      })
    }
  }
  return orderForReading(findings)
}

/** Security findings first, then causes in rule order, then what only follows from them. */
function orderForReading(findings: Finding[]): Finding[] {
  const rank = (f: Finding) => (f.severity === 'security' ? 0 : f.derived ? 2 : 1)
  return [...findings].sort((a, b) => rank(a) - rank(b))
}
