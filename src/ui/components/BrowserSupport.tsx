import { missingFeatures, type FeatureHost } from '../browser-support'

// Checked once, when the page loads: a browser does not gain features while the page is open.
const MISSING = missingFeatures(globalThis as unknown as FeatureHost)

/** At the top of the page, before anything is dropped: what this browser lacks and what that costs. Nothing in Chromium. */
export function BrowserSupport() {
  if (MISSING.length === 0) return null
  const blocking = MISSING.some((feature) => !feature.partial)
  return (
    <div className="browser-support" role="alert" data-testid="browser-support" data-missing={MISSING.map((feature) => feature.id).join(' ')}>
      <p><strong>{blocking ? 'This browser cannot compare files with reprodiff.' : 'This browser cannot read every kind of file.'}</strong></p>
      <ul>
        {MISSING.map((feature) => <li key={feature.id}>No {feature.name}: {feature.consequence}.</li>)}
      </ul>
      <p>A current Chromium (103 or later), Firefox (114 or later) or Safari (16.4 or later) has everything the page needs.</p>
    </div>
  )
}
