import type { Limits } from '../../core/types-public'
import { DEFAULT_LIMITS, LIMIT_DESCRIPTIONS } from '../../store/format'
import { formatLimit, LIMIT_CLI_FLAG, LIMIT_KIND, LIMIT_TITLE, parseLimitInput, type LimitName } from '../../store/limits'

interface LimitRowProps {
  name: LimitName
  limits: Limits
  text: string
  /** Set after Apply found the text unusable; cleared when the text changes. */
  error: string | undefined
  onChange(text: string): void
}

/** One limit: what it bounds in plain words, its input, what the input will mean, and the value in force and by default. */
export function LimitRow({ name, limits, text, error, onChange }: LimitRowProps) {
  const id = `limit-input-${name}`
  const parsed = parseLimitInput(name, text)
  // "500M" is 500,000,000 bytes: saying what the text will become avoids surprises between M and MiB.
  const exact = parsed.ok && LIMIT_KIND[name] === 'bytes' && parsed.value >= 1024 ? ` (${parsed.value.toLocaleString('en')} bytes)` : ''
  const preview = parsed.ok && parsed.value !== limits[name] ? `will be ${formatLimit(name, parsed.value)}${exact}` : ''
  const flag = LIMIT_CLI_FLAG[name]
  return (
    <div className={`limit-row${error ? ' is-invalid' : ''}`} data-limit={name}>
      <label className="limit-label" htmlFor={id}>
        <strong>{LIMIT_TITLE[name]}</strong>
        <span className="muted">{LIMIT_DESCRIPTIONS[name]}</span>
      </label>
      <div className="limit-field">
        <input id={id} name={name} className="limit-input" data-testid={`limit-${name}`} value={text} autoComplete="off" spellCheck={false}
          aria-invalid={error ? true : undefined} aria-describedby={`${id}-note`} onChange={(event) => onChange(event.target.value)} />
        <p id={`${id}-note`} className={error ? 'limit-error' : 'limit-preview'} data-testid={error ? `limit-error-${name}` : undefined}>
          {error ?? preview}
        </p>
      </div>
      <dl className="limit-values">
        <div>
          <dt>in force</dt>
          <dd className={limits[name] === DEFAULT_LIMITS[name] ? undefined : 'is-custom'} data-testid={`limit-current-${name}`}>{formatLimit(name, limits[name])}</dd>
        </div>
        <div><dt>default</dt><dd>{formatLimit(name, DEFAULT_LIMITS[name])}</dd></div>
        <div><dt>CLI</dt><dd className={flag ? undefined : 'is-plain'}>{flag ?? 'page only'}</dd></div>
      </dl>
    </div>
  )
}
