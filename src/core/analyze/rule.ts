/**
 * The shape of an explanation rule: a small pure function from the comparison (and the evidence each
 * side's worker gathered) to findings. Rules never read archives; they only look at data.
 */
import type { Finding, MemberComparison, MetaValue, Report, Side, SideEvidence, MemberEvidence } from '../types'
import { MemberIndex } from './member-index'

export interface AnalysisContext {
  report: Report
  evidence: Record<Side, SideEvidence>
  /** Findings of the rules that ran before, so later rules (content, derived) can see what is explained. */
  earlier: Finding[]
  /** The report's member index, shared by the rules of one run (explain.ts); built anew when a caller gives none. */
  index?: MemberIndex
}

export interface ExplanationRule {
  cause: string
  /** Security rules also run when a side could not be read completely; causes of differences do not. */
  security?: boolean
  /** What the rule recognises, in one line (shown in docs and tests). */
  description: string
  explain(context: AnalysisContext): Finding[]
}

/** In `Finding.fields`: the finding explains the members' content difference, not only their metadata. */
export const CONTENT = 'content'

/** The context's member index, or a new one over its report (a rule called on its own, as tests and core/source do). */
export function memberIndex(context: AnalysisContext): MemberIndex {
  return context.index ?? new MemberIndex(context.report)
}

export function sideValue(member: MemberComparison, side: Side, field: string): MetaValue | undefined {
  const value = member[side]?.[field]
  return typeof value === 'object' && value !== null ? undefined : (value as MetaValue | undefined)
}

export function evidenceOf(context: AnalysisContext, member: MemberComparison, side: Side): MemberEvidence | undefined {
  const own = member[side]
  // Evidence is keyed by the artefact's own member index; a nested member's index is its container's (none gathered).
  return own && member.container === undefined ? context.evidence[side][own.index] : undefined
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`
}

/** A verb agreeing with a count: verb(1, 'differ') = 'differs'. */
export function verb(count: number, base: string): string {
  return count === 1 ? `${base}s` : base
}

/** "a, b and 3 more" for titles. */
export function listPaths(paths: string[], shown = 3): string {
  const names = paths.slice(0, shown)
  const more = paths.length - names.length
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ')
}

export function finding(fields: Omit<Finding, 'derived' | 'severity' | 'evidence'> & Partial<Finding>): Finding {
  return { derived: false, severity: 'cause', evidence: {}, ...fields }
}
