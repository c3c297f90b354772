import type { Finding } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { indexFindings } from '../../store/findings'
import { namesLimit } from '../causes'
import { OpenLimitsButton } from './OpenLimitsButton'

/**
 * Security findings above everything else: a wheel that is not what its RECORD says must not be
 * mistaken for a reproducibility nuance further down the list.
 */
export function SecurityAlert({ findings }: { findings: Finding[] }) {
  const showCause = useDiffStore((state) => state.showCause)
  const security = indexFindings(findings).filter((entry) => entry.finding.severity === 'security')
  if (security.length === 0) return null
  return (
    <section className="security-alert" data-testid="security-alert" role="alert" aria-labelledby="security-title">
      <span className="security-icon" aria-hidden="true">⚠</span>
      <div className="security-body">
        <h2 id="security-title" className="security-title">
          {security.length === 1 ? 'Security warning' : `${security.length} security warnings`}
        </h2>
        <ul className="security-list">
          {security.map(({ id, finding }) => (
            <li key={id} data-cause={finding.cause}>
              <strong>{finding.title}.</strong> {finding.remedy}{' '}
              <button type="button" className="link-button" onClick={() => showCause(id)}>Evidence</button>
              {namesLimit(finding) && <> · <OpenLimitsButton label="Open Limits…" /></>}
            </li>
          ))}
        </ul>
      </div>
    </section>
  )
}
