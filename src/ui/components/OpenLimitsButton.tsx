import { useDiffStore } from '../../store/diff-store'

/** Opens the Limits panel from where a limit was reached (a finding, a file's or member's error, the text summary). */
export function OpenLimitsButton({ label = 'Change limits…' }: { label?: string }) {
  const showLimits = useDiffStore((state) => state.showLimits)
  return (
    <button type="button" className="link-button" data-testid="open-limits" aria-haspopup="dialog" onClick={() => showLimits(true)}>
      {label}
    </button>
  )
}
