import type { Finding } from '../core/types-public'

/** Short names of the causes (docs/report-format.md "Findings") for chips and tags; titles carry the full sentence. */
export const CAUSE_LABEL: Record<string, string> = {
  'record-mismatch': 'RECORD mismatch',
  'crc-mismatch': 'CRC mismatch',
  'zip-header-mismatch': 'zip header mismatch',
  'archive-structure': 'archive structure',
  'unsafe-path': 'unsafe path',
  'link-outside': 'link outside',
  'duplicate-name': 'duplicate name',
  'case-collision': 'case collision',
  'confusable-name': 'confusable name',
  'digest-mismatch': 'digest mismatch',
  'special-file': 'special file',
  'untraceable-member': 'untraceable',
  'ambiguous-format': 'ambiguous format',
  'name-encoding': 'name encoding',
  'limit-exceeded': 'limit exceeded',
  'unreadable-member': 'unreadable member',
  'version-bump': 'version bump',
  timestamps: 'timestamps',
  permissions: 'permissions',
  ownership: 'ownership',
  ordering: 'ordering',
  'gzip-header': 'gzip header',
  compression: 'compression',
  'line-endings': 'line endings',
  'tool-version': 'tool version',
  'build-path': 'build path',
  'embedded-timestamp': 'embedded time',
  'pyc-header': '.pyc header',
  'record-order': 'RECORD order',
  renamed: 'renamed',
  'archive-writer': 'archive writer',
  content: 'content change',
}

/** A cause the page does not know yet (a newer core) still gets a readable name. */
export function causeLabel(cause: string): string {
  return CAUSE_LABEL[cause] ?? cause.replace(/-/g, ' ')
}

/**
 * Whether a finding's remedy is to raise a limit: the limit-exceeded cause, or unreadable members some of
 * which hit a limit (the core's remedy then says so). Such cards get a button to the Limits panel.
 */
export function namesLimit(finding: Pick<Finding, 'cause' | 'remedy'>): boolean {
  return finding.cause === 'limit-exceeded' || /\bRaise the limit\b/.test(finding.remedy)
}

export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`
}
