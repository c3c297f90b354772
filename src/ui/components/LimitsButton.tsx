import { useDiffStore } from '../../store/diff-store'
import { customLimits, formatLimit, LIMIT_TITLE, type LimitName } from '../../store/limits'

/** The header's way into the Limits panel; says whether the defaults are in force, and which are not. */
export function LimitsButton() {
  const limits = useDiffStore((state) => state.limits)
  const showLimits = useDiffStore((state) => state.showLimits)
  const custom = Object.keys(customLimits(limits)) as LimitName[]
  const title = custom.length
    ? `Custom: ${custom.map((name) => `${LIMIT_TITLE[name].toLowerCase()} ${formatLimit(name, limits[name])}`).join(', ')}`
    : 'Reading and display limits: all at their defaults'
  return (
    <button type="button" className={`button${custom.length ? ' is-custom' : ''}`} data-testid="limits-button" data-custom={custom.length > 0}
      aria-haspopup="dialog" title={title} onClick={() => showLimits(true)}>
      Limits: {custom.length ? 'custom' : 'defaults'}
    </button>
  )
}
