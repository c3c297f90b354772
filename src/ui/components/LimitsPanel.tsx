import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { Limits } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { DEFAULT_LIMITS } from '../../store/format'
import { customLimits, LIMIT_NAMES, limitInputText, parseLimitInput, type LimitName } from '../../store/limits'
import { LimitRow } from './LimitRow'

type Texts = Record<LimitName, string>
type Problems = Partial<Record<LimitName, string>>

const textsOf = (limits: Limits): Texts => Object.fromEntries(LIMIT_NAMES.map((name) => [name, limitInputText(name, limits[name])])) as Texts

/** Mounted only while the panel is open, so every opening starts from the limits in force, not an abandoned edit. */
function LimitsForm({ limits, onDone }: { limits: Limits; onDone(): void }) {
  const setLimits = useDiffStore((state) => state.setLimits)
  const hasFiles = useDiffStore((state) => Boolean(state.files.left && state.files.right))
  const [texts, setTexts] = useState(() => textsOf(limits))
  const [problems, setProblems] = useState<Problems>({})
  const formRef = useRef<HTMLFormElement>(null)

  const edit = (name: LimitName, text: string) => {
    setTexts((before) => ({ ...before, [name]: text }))
    setProblems((before) => ({ ...before, [name]: undefined }))
  }

  const apply = (event: FormEvent) => {
    event.preventDefault()
    const next: Partial<Limits> = {}
    const found: Problems = {}
    for (const name of LIMIT_NAMES) {
      const parsed = parseLimitInput(name, texts[name])
      if (parsed.ok) next[name] = parsed.value
      else found[name] = parsed.message
    }
    setProblems(found)
    // Nothing applies while one value is unusable: half-applied limits would be harder to reason about.
    const first = LIMIT_NAMES.find((name) => found[name])
    if (first) return formRef.current?.querySelector<HTMLInputElement>(`input[name="${first}"]`)?.focus()
    setLimits(next)
    onDone()
  }

  const reset = () => {
    setLimits(DEFAULT_LIMITS)
    onDone()
  }

  const isDefault = Object.keys(customLimits(limits)).length === 0
  return (
    <form ref={formRef} className="limits-form" onSubmit={apply} noValidate>
      <header className="limits-head">
        <h2 id="limits-title">Limits</h2>
        <p className="muted">
          They keep a huge or hostile file from freezing this tab. Reaching one is named (a finding, or an error by the
          file or member) and the rest of the comparison goes on. Sizes take k, M, G (×1000) or KiB, MiB, GiB (×1024).
          Kept in this browser{hasFiles ? '; applying compares the loaded files again' : ''}.
        </p>
      </header>
      <div className="limit-rows">
        {LIMIT_NAMES.map((name) => (
          <LimitRow key={name} name={name} limits={limits} text={texts[name]} error={problems[name]} onChange={(text) => edit(name, text)} />
        ))}
      </div>
      {Object.values(problems).some(Boolean) && (
        <p className="limit-error" role="alert">Nothing was changed: correct the marked {Object.values(problems).filter(Boolean).length > 1 ? 'values' : 'value'} first.</p>
      )}
      <footer className="limits-actions">
        <button type="button" className="button" data-testid="limits-reset" onClick={reset} disabled={isDefault}
          title={isDefault ? 'All limits are at their defaults' : undefined}>
          Reset to defaults
        </button>
        <span className="limits-actions-end">
          <button type="button" className="button" data-testid="limits-cancel" onClick={onDone}>Cancel</button>
          <button type="submit" className="button primary" data-testid="limits-apply">Apply</button>
        </span>
      </footer>
    </form>
  )
}

/** The Limits panel: a modal dialog (Escape closes it, focus stays inside) opened from the header or a named limit. */
export function LimitsPanel() {
  const isOpen = useDiffStore((state) => state.isLimitsOpen)
  const limits = useDiffStore((state) => state.limits)
  const showLimits = useDiffStore((state) => state.showLimits)
  const dialogRef = useRef<HTMLDialogElement>(null)

  // The store says whether it is open; the element's own state follows it (showModal gives the backdrop and focus trap).
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (isOpen && !dialog.open) dialog.showModal()
    else if (!isOpen && dialog.open) dialog.close()
  }, [isOpen])

  return (
    <dialog ref={dialogRef} className="limits-panel" data-testid="limits-panel" aria-labelledby="limits-title" onClose={() => showLimits(false)}>
      {isOpen && <LimitsForm limits={limits} onDone={() => showLimits(false)} />}
    </dialog>
  )
}
