import { lazy, Suspense, useState } from 'react'
import type { BinaryComparison, BinarySectionComparison, BinarySectionSide } from '../../core/binary/types'
import type { ContentPair } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'

// Monaco loads on first use, as in ContentView.
const DiffView = lazy(() => import('../editor/DiffView'))

/** The strings of each differing section, from the content description of the selected member (compare/content.ts). */
type SectionStrings = NonNullable<ContentPair['sectionStrings']>

/** How many names of each symbol list are shown; the report holds more (and the exact counts). */
const SHOWN_SYMBOLS = 50
const FORMAT_NAMES: Record<BinaryComparison['format'], string> = { elf: 'ELF', macho: 'Mach-O', pe: 'PE/COFF', pyc: '.pyc' }
/** Fields read as bit sets or addresses, shown in hex as readelf shows them. */
const HEX_FIELDS = new Set(['e_entry', 'e_flags', 'sh_flags', 'sh_addr'])
/** ELF sh_type values by the names readelf prints (gABI "Sections", and the GNU types). */
const SECTION_TYPE_NAMES: Record<number, string> = {
  0: 'NULL', 1: 'PROGBITS', 2: 'SYMTAB', 3: 'STRTAB', 4: 'RELA', 5: 'HASH', 6: 'DYNAMIC', 7: 'NOTE', 8: 'NOBITS', 9: 'REL',
  11: 'DYNSYM', 14: 'INIT_ARRAY', 15: 'FINI_ARRAY', 16: 'PREINIT_ARRAY', 17: 'GROUP', 18: 'SYMTAB_SHNDX',
  0x6ffffff6: 'GNU_HASH', 0x6ffffffd: 'VERDEF', 0x6ffffffe: 'VERNEED', 0x6fffffff: 'VERSYM',
}

type Value = string | number | string[] | null | undefined

function formatValue(field: string, value: Value): string {
  if (value === null || value === undefined) return '— (absent)'
  if (Array.isArray(value)) return value.length ? value.join(', ') : '(none)'
  if (typeof value === 'number' && HEX_FIELDS.has(field)) return `0x${value.toString(16)}`
  return String(value)
}

const differs = (left: Value, right: Value) => JSON.stringify(left ?? null) !== JSON.stringify(right ?? null)

function FieldTable({ label, rows, testId }: { label: string; rows: { field: string; left: Value; right: Value }[]; testId: string }) {
  if (rows.length === 0) return null
  return (
    <table className="compare-table binary-fields" data-testid={testId}>
      <thead>
        <tr><th scope="col">{label}</th><th scope="col">left</th><th scope="col">right</th></tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const changed = differs(row.left, row.right)
          return (
            <tr key={row.field} data-field={row.field} data-changed={changed} className={changed ? 'is-changed' : ''}>
              <th scope="row">{row.field}</th>
              <td>{formatValue(row.field, row.left)}</td>
              <td>{formatValue(row.field, row.right)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

function sectionType(side: BinarySectionSide | null): string {
  const type = side?.facts?.sh_type
  if (type === undefined) return ''
  return typeof type === 'number' ? (SECTION_TYPE_NAMES[type] ?? `0x${type.toString(16)}`) : type
}

function SectionSideCells({ side }: { side: BinarySectionSide | null }) {
  if (!side) return <><td className="muted">—</td><td className="muted">—</td></>
  return (
    <>
      <td>{side.size.toLocaleString('en')}</td>
      <td className="section-hash" title={side.sha256 ?? undefined}>{side.sha256 ? side.sha256.slice(0, 16) : 'no bytes in the file'}</td>
    </>
  )
}

interface StringsChoice {
  strings?: SectionStrings
  open: string | null
  onOpen(section: string | null): void
  /** `section-strings` for the file's sections, `section-strings-<arch>` for a slice's. */
  testIdPrefix: string
}

/** The "Strings" button of a differing section whose strings the content description holds. */
function StringsCell({ section, index, choice }: { section: BinarySectionComparison; index: number; choice: StringsChoice }) {
  if (!choice.strings || choice.strings.sections.length === 0) return null
  const has = choice.strings.sections.some((entry) => entry.section === section.name)
  if (!has) return <td />
  const isOpen = choice.open === section.name
  return (
    <td>
      <button type="button" className="button small" data-testid={`${choice.testIdPrefix}-${index}`} data-section={section.name} aria-pressed={isOpen}
        onClick={() => choice.onOpen(isOpen ? null : section.name)}>
        {isOpen ? 'Hide strings' : 'Strings'}
      </button>
    </td>
  )
}

function SectionRow({ section, index, choice }: { section: BinarySectionComparison; index: number; choice: StringsChoice }) {
  const types = [sectionType(section.left), sectionType(section.right)].filter(Boolean)
  const type = types[0] === types[1] || types.length < 2 ? (types[0] ?? '') : `${types[0]} → ${types[1]}`
  const moved = section.status === 'identical' && section.changed?.length
  return (
    <tr data-section={section.name} data-status={section.status} className={section.status === 'identical' ? '' : 'is-changed'}>
      <th scope="row">{section.name}</th>
      <td className={`section-status is-${section.status}`}>{section.status}{moved ? ` (${section.changed!.join(', ')} ${section.changed!.length === 1 ? 'differs' : 'differ'})` : ''}</td>
      <td>{type}</td>
      <SectionSideCells side={section.left} />
      <SectionSideCells side={section.right} />
      <StringsCell section={section} index={index} choice={choice} />
    </tr>
  )
}

/** One section's strings side by side in the diff view (one string per line), with what a cap left out. */
function SectionStringsPanel({ strings, section, onClose }: { strings: SectionStrings; section: string; onClose(): void }) {
  const entry = strings.sections.find((candidate) => candidate.section === section)
  if (!entry) return null
  return (
    <div className="section-strings" data-testid="section-strings-diff" data-section={section}>
      <div className="section-strings-bar">
        <strong>Strings of {section}</strong>
        <span className="muted">string tables split at NULs, other sections as printable runs of 4 or more bytes</span>
        <button type="button" className="button small" onClick={onClose}>Close</button>
      </div>
      {(entry.truncated || strings.limit) && (
        <p className="binary-note is-limit" data-testid="section-strings-limit">
          {entry.truncated ? 'Not all of this section\'s strings are shown: ' : ''}{strings.limit ?? 'a cap was reached'}.
        </p>
      )}
      <div className="diff-frame section-strings-frame">
        <Suspense fallback={<p className="muted loading">Loading the editor…</p>}>
          <DiffView path={`${section}.strings.txt`} leftText={entry.leftText} rightText={entry.rightText} hideUnchanged={false} ignoreTrimWhitespace={false} />
        </Suspense>
      </div>
    </div>
  )
}

/**
 * Differing sections first: identical ones are hidden until asked for, as identical members are in the tree.
 * `strings`: each differing section's strings, opened one at a time in the diff view under the table.
 */
function SectionsTable({ sections, strings, testIdPrefix }: { sections: BinarySectionComparison[]; strings?: SectionStrings; testIdPrefix: string }) {
  const identical = sections.filter((section) => section.status === 'identical').length
  const [showIdentical, setShowIdentical] = useState(identical === sections.length)
  const [open, setOpen] = useState<string | null>(null)
  if (sections.length === 0) return <p className="muted">No sections.</p>
  const shown = showIdentical ? sections : sections.filter((section) => section.status !== 'identical')
  const choice: StringsChoice = { strings, open, onOpen: setOpen, testIdPrefix }
  return (
    <>
      {identical > 0 && identical < sections.length && (
        <label className="binary-toggle">
          <input type="checkbox" data-testid="show-identical-sections" checked={showIdentical} onChange={(event) => setShowIdentical(event.target.checked)} />
          Show the {identical} identical sections
        </label>
      )}
      <SectionRows sections={shown} indexes={new Map(sections.map((section, i) => [section.name, i]))} choice={choice} />
      {strings && open !== null && <SectionStringsPanel strings={strings} section={open} onClose={() => setOpen(null)} />}
    </>
  )
}

function SectionRows({ sections, indexes, choice }: { sections: BinarySectionComparison[]; indexes: Map<string, number>; choice: StringsChoice }) {
  return (
    <table className="compare-table binary-sections" data-testid="binary-sections">
      <thead>
        <tr>
          <th scope="col">section</th><th scope="col">status</th><th scope="col">type</th>
          <th scope="col">left size</th><th scope="col">left SHA-256</th><th scope="col">right size</th><th scope="col">right SHA-256</th>
          {choice.strings && choice.strings.sections.length > 0 && <th scope="col">strings</th>}
        </tr>
      </thead>
      <tbody>
        {sections.map((section) => <SectionRow key={section.name} section={section} index={indexes.get(section.name) ?? -1} choice={choice} />)}
      </tbody>
    </table>
  )
}

function SymbolList({ label, names, count, testId }: { label: string; names: string[]; count: number; testId: string }) {
  if (count === 0) return null
  const hidden = count - Math.min(names.length, SHOWN_SYMBOLS)
  return (
    <div className="symbol-list" data-testid={testId}>
      <h5>{label} ({count.toLocaleString('en')})</h5>
      <ul>
        {names.slice(0, SHOWN_SYMBOLS).map((name) => <li key={name}>{name}</li>)}
      </ul>
      {hidden > 0 && <p className="muted">and {hidden.toLocaleString('en')} more (all in the JSON report, up to its cap)</p>}
    </div>
  )
}

function Symbols({ symbols }: { symbols: NonNullable<BinaryComparison['symbols']> }) {
  const added = symbols.addedCount ?? symbols.added.length
  const removed = symbols.removedCount ?? symbols.removed.length
  if (added === 0 && removed === 0) return <p className="binary-note" data-testid="binary-symbols">Symbols: the same names on both sides.</p>
  return (
    <div className="binary-symbols" data-testid="binary-symbols">
      <SymbolList label="Symbols only on the left (removed)" names={symbols.removed} count={removed} testId="symbols-removed" />
      <SymbolList label="Symbols only on the right (added)" names={symbols.added} count={added} testId="symbols-added" />
    </div>
  )
}

function headline(binary: BinaryComparison): string {
  const differing = binary.sections.filter((section) => section.status !== 'identical')
  if (differing.length === 0) return `All ${binary.sections.length} sections have the same bytes; the difference is elsewhere (below).`
  const names = differing.slice(0, 8).map((section) => section.name).join(', ')
  return `${differing.length} of ${binary.sections.length} sections differ: ${names}${differing.length > 8 ? ` and ${differing.length - 8} more` : ''}.`
}

/** A differing binary member read as structure (`members[].binary`): sections, facts, header, symbols. */
/** The strings of the sections of one structure: the file's own (`slice` undefined), or one slice's. */
function stringsOfSlice(strings: SectionStrings | undefined, slice: string | undefined): SectionStrings | undefined {
  if (!strings) return undefined
  return { ...strings, sections: strings.sections.filter((entry) => entry.slice === slice) }
}

/** `slice`: the arch key of the slice shown (nested), so its sections' strings are the ones listed. */
export function BinaryStructureView({ binary, nested = false, slice }: { binary: BinaryComparison; nested?: boolean; slice?: string }) {
  const format = FORMAT_NAMES[binary.format]
  const error = binary.error
  // The selected member's content description holds its sections' strings (compare/content.ts).
  const all = useDiffStore((state) => (state.content.status === 'ready' ? state.content.content.sectionStrings : undefined))
  const strings = stringsOfSlice(all, slice)
  return (
    <section className="binary-structure" data-testid="binary-structure" data-format={binary.format} aria-label={`${format} structure`}>
      {!nested && <h4>{format} structure</h4>}
      {error && (
        <p className="binary-error" data-testid="binary-error">
          The {error.side} side could not be read as {format}: {error.message} ({error.code}
          {error.offset !== undefined ? `, at offset ${error.offset}` : ''}). Only the other side is shown.
        </p>
      )}
      {!error && <p className="binary-note" data-testid="binary-headline">{headline(binary)}</p>}
      <SectionsTable sections={binary.sections} strings={strings} testIdPrefix={slice === undefined ? 'section-strings' : `section-strings-${slice}`} />
      <FieldTable label="fact" rows={binary.facts} testId="binary-facts" />
      <details className="binary-header-details" open={binary.header.some((row) => differs(row.left, row.right))}>
        <summary>File header ({binary.header.filter((row) => differs(row.left, row.right)).length} of {binary.header.length} fields differ)</summary>
        <FieldTable label="field" rows={binary.header} testId="binary-header" />
      </details>
      {binary.symbols && <Symbols symbols={binary.symbols} />}
      {!nested && binary.slices?.map((slice) => (
        <details key={slice.arch} className="binary-slice" data-testid="binary-slice" open>
          <summary>Architecture {slice.arch}</summary>
          <BinaryStructureView binary={slice.comparison} nested slice={slice.arch} />
        </details>
      ))}
    </section>
  )
}
