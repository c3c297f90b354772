/**
 * A finding's evidence (free-form data from a core rule) turned into things a person reads: left/right
 * rows, plain facts, lists of paths and small tables. Generic on purpose, so a new rule's evidence still
 * shows; a few key names and value kinds (times, modes) get their usual display form. Pure: tested in Node.
 */
import type { Finding, MetaValue } from '../core/types-public'
import { formatMetaValue } from '../store/format'

export interface SideRow { label: string; left: string; right: string }
export interface Fact { label: string; value: string }
export interface EvidenceList { label: string; items: string[]; more: number }
export interface EvidenceTable { label: string; columns: string[]; rows: string[][]; more: number }

export interface EvidenceView {
  sides: SideRow[]
  facts: Fact[]
  lists: EvidenceList[]
  tables: EvidenceTable[]
}

/** Long lists stay short in a card; the count of the rest is shown. */
const MAX_ITEMS = 20

const KEY_LABEL: Record<string, string> = {
  side: 'side',
  path: 'file',
  rows: 'RECORD rows',
  shiftSeconds: 'shift',
  sortedSides: 'sorted by name',
  moved: 'members moved',
  modified: 'changed members',
  onlyLeft: 'only in the left file',
  onlyRight: 'only in the right file',
  hashMismatch: 'hash mismatches',
  sizeMismatch: 'size mismatches',
  listedButMissing: 'listed in RECORD but missing',
  notListed: 'present but not in RECORD',
  classes: 'kinds of change',
  memberFields: 'member fields',
  archive: 'archive fields',
  sourceField: 'source field',
  bodySha256: 'SHA-256 after the header',
  normalizedSha256: 'SHA-256 with LF, no BOM',
  orderOnly: 'order only',
  levels: 'zlib levels',
}

/** The plain `left`/`right` pair is named after what the cause compares. */
const SIDE_LABEL: Record<string, string> = {
  timestamps: 'times',
  ownership: 'owners',
  'version-bump': 'version',
  'line-endings': 'text',
}

/** Other left/right pairs (`leftValue`…) by cause and suffix, where the generic word would be vague. */
const SUFFIX_LABEL: Record<string, string> = { 'timestamps:Value': 'time' }

/** Value kinds by cause: which meta field a bare left/right number is, so it reads as a time or a mode. */
const VALUE_FIELD: Record<string, string> = { timestamps: 'mtime', permissions: 'mode' }

export function labelFor(key: string): string {
  return KEY_LABEL[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** 1, 2, 3, 4 reads better as 1–4 (zlib levels). */
function numberRange(values: number[]): string {
  const consecutive = values.length > 2 && values.every((value, i) => i === 0 || value === values[i - 1] + 1)
  return consecutive ? `${values[0]}–${values[values.length - 1]}` : values.join(', ')
}

/**
 * One value as text. `field` is the meta field it belongs to, when known (mtime, mode, gzip.os…), so
 * the page words it the way the metadata table does.
 */
export function formatValue(value: unknown, field?: string): string {
  if (value === undefined) return '—'
  if (value === null) return 'none'
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (typeof value === 'number' && field) return formatMetaValue(field, value as MetaValue)
  if (typeof value === 'number' || typeof value === 'string') return String(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none'
    if (value.every((item) => typeof item === 'number')) return numberRange(value as number[])
    return value.map((item) => formatValue(item, field)).join('\n')
  }
  if (isRecord(value)) {
    // Inside an object, an absent part (no zlib levels for a stored member) is left out, not shown as "none".
    return Object.entries(value)
      .filter(([, item]) => item !== null && item !== undefined)
      .map(([key, item]) => `${labelFor(key)}: ${key === 'size' && typeof item === 'number' ? `${item} B` : formatValue(item)}`)
      .join(' · ')
  }
  return String(value)
}

const SIDE_KEY = /^(left|right)([A-Z]\w*)?$/

/** Left/right pairs: `left`/`right`, `leftValue`/`rightValue`…; two objects open up into one row per key. */
function sideRows(evidence: Record<string, unknown>, cause: string): SideRow[] {
  const groups = new Map<string, { left?: unknown; right?: unknown }>()
  for (const [key, value] of Object.entries(evidence)) {
    const match = SIDE_KEY.exec(key)
    if (!match) continue
    const group = groups.get(match[2] ?? '') ?? {}
    group[match[1] as 'left' | 'right'] = value
    groups.set(match[2] ?? '', group)
  }
  const field = VALUE_FIELD[cause]
  return [...groups].flatMap(([suffix, { left, right }]) => {
    if (isRecord(left) && isRecord(right)) {
      const keys = [...new Set([...Object.keys(left), ...Object.keys(right)])]
      return keys.map((key) => ({ label: labelFor(key), left: formatValue(left[key]), right: formatValue(right[key]) }))
    }
    if ((left === null || left === undefined) && (right === null || right === undefined)) return []
    const label = suffix
      ? SUFFIX_LABEL[`${cause}:${suffix}`] ?? labelFor(suffix.charAt(0).toLowerCase() + suffix.slice(1))
      : SIDE_LABEL[cause] ?? 'value'
    // A missing side value means "not one value" (filesystem times), not the word "none".
    const show = (value: unknown) => (value === null ? '—' : formatValue(value, field))
    return [{ label, left: show(left), right: show(right) }]
  })
}

/** An array of objects as a table; a row's `field` names the meta field of its `left`/`right` (gzip.mtime…). */
function table(key: string, rows: Record<string, unknown>[], cause: string): EvidenceTable {
  // A flag that is false in every row (orderOnly) says nothing; its column is left out.
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((column) => rows.some((row) => row[column] !== false))
  const cell = (row: Record<string, unknown>, column: string) => {
    const field = column === 'left' || column === 'right' ? (typeof row.field === 'string' ? row.field : VALUE_FIELD[cause]) : undefined
    return formatValue(row[column], field)
  }
  return {
    label: labelFor(key),
    columns: keys.map(labelFor),
    rows: rows.slice(0, MAX_ITEMS).map((row) => keys.map((column) => cell(row, column))),
    more: Math.max(0, rows.length - MAX_ITEMS),
  }
}

export function describeEvidence(finding: Pick<Finding, 'cause' | 'evidence'>): EvidenceView {
  const { cause, evidence } = finding
  const view: EvidenceView = { sides: sideRows(evidence, cause), facts: [], lists: [], tables: [] }
  for (const [key, value] of Object.entries(evidence)) {
    if (SIDE_KEY.test(key) || value === null || value === undefined) continue
    if (key === 'sortedSides' && Array.isArray(value)) {
      view.facts.push({ label: labelFor(key), value: value.length === 0 ? 'neither side' : value.join(' and ') })
    } else if (key === 'classes' && isRecord(value)) {
      view.facts.push({ label: labelFor(key), value: Object.entries(value).map(([kind, count]) => `${kind} (${count} member${count === 1 ? '' : 's'})`).join(', ') })
    } else if (key === 'shiftSeconds' && typeof value === 'number') {
      view.facts.push({ label: labelFor(key), value: `${value} s (${(value / 3600).toFixed(value % 3600 ? 2 : 0)} h)` })
    } else if (Array.isArray(value) && value.length > 0 && value.every(isRecord)) {
      view.tables.push(table(key, value, cause))
    } else if (Array.isArray(value) && value.length > 0) {
      view.lists.push({ label: labelFor(key), items: value.slice(0, MAX_ITEMS).map((item) => formatValue(item)), more: Math.max(0, value.length - MAX_ITEMS) })
    } else {
      view.facts.push({ label: labelFor(key), value: formatValue(value) })
    }
  }
  return view
}

export function isEmptyEvidence(view: EvidenceView): boolean {
  return view.sides.length + view.facts.length + view.lists.length + view.tables.length === 0
}
