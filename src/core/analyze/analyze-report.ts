/** Adds the findings and the summary to a compared report. */
import type { Report, Side, SideEvidence } from '../types'
import { explainDifferences } from './explain'
import { summarizeReport } from './summary'

export function analyzeReport(report: Report, evidence?: Record<Side, SideEvidence>): Report {
  const findings = explainDifferences(report, evidence)
  return { ...report, findings, summary: summarizeReport(report, findings) }
}
