import { LimitsButton } from './LimitsButton'
import { ThemeToggle } from './ThemeToggle'

interface AppHeaderProps {
  onSample(): void
  isSampleLoading: boolean
}

/** Name, promise, the limits in force, the theme and the sample button: what the page is for, before anything is dropped. */
export function AppHeader({ onSample, isSampleLoading }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="brand">
        <h1>reprodiff</h1>
        <p className="tagline">Are these two builds the same? If not, exactly why. Files are read in this tab and never leave your machine.</p>
      </div>
      <div className="header-actions">
        <ThemeToggle />
        <LimitsButton />
        <button type="button" className="button" data-testid="sample-button" onClick={onSample} disabled={isSampleLoading}>
          {isSampleLoading ? 'Loading sample…' : 'Try a sample pair'}
        </button>
      </div>
    </header>
  )
}
