/**
 * The trace's verdict in one line, in the issue's words: "traceable: 41 of 44 wheel files match the source byte
 * for byte; 2 generated as expected; 1 compiled from src/markupsafe/_speedups.c (rebuild to verify); 0 untraceable".
 * Vendored libraries are listed on their own: no source explains their bytes.
 */
import type { MemberTrace, TraceStatus, TraceSummary } from '../types'

const HEADS: Record<TraceSummary['verdict'], string> = { traced: 'traceable', 'untraceable-content': 'not traceable', error: 'incomplete' }

function listed(items: string[], shown = 3): string {
  const names = items.slice(0, shown)
  return items.length > shown ? `${names.join(', ')} and ${items.length - shown} more` : names.join(', ')
}

export function verdictLine(verdict: TraceSummary['verdict'], counts: Record<TraceStatus, number>, traces: MemberTrace[], reason?: string): string {
  const total = traces.length
  const vendored = traces.filter((trace) => trace.generator?.includes('vendored library'))
  const compiledSources = new Set<string>()
  for (const trace of traces) if (trace.status === 'compiled') for (const source of trace.sources ?? []) compiledSources.add(source)
  const parts = [`${counts['from-source']} of ${total} wheel ${total === 1 ? 'file matches' : 'files match'} the source byte for byte`]
  parts.push(`${counts.generated - vendored.length} generated as expected`)
  if (vendored.length > 0) {
    const tools = [...new Set(vendored.map((trace) => trace.generator!.replace(/ \(vendored library\)$/, '')))]
    parts.push(`${vendored.length} vendored ${vendored.length === 1 ? 'library' : 'libraries'} added by ${tools.join(' and ')}, which no source explains`)
  }
  if (counts.compiled > 0) parts.push(`${counts.compiled} compiled from ${listed([...compiledSources])} (rebuild to verify)`)
  if (counts['differs-from-source'] > 0) parts.push(`${counts['differs-from-source']} ${counts['differs-from-source'] === 1 ? 'differs' : 'differ'} from the source`)
  parts.push(`${counts.untraceable} untraceable`)
  return `${HEADS[verdict]}${reason ? ` (${reason})` : ''}: ${parts.join('; ')}`
}
