import { useDiffStore } from '../store/diff-store'
import { AppHeader } from './components/AppHeader'
import { BrowserSupport } from './components/BrowserSupport'
import { ComparisonStatus } from './components/ComparisonStatus'
import { DetailPane } from './components/DetailPane'
import { DropZone } from './components/DropZone'
import { ErrorBoundary } from './components/ErrorBoundary'
import { ErrorMessage } from './components/ErrorMessage'
import { Intro } from './components/Intro'
import { LimitsPanel } from './components/LimitsPanel'
import { MemberTree } from './components/MemberTree'
import { useSample } from './hooks/useSample'

/**
 * The page: what this browser lacks (if anything), inputs on top, then the verdict and its causes, then the member tree beside the detail tabs.
 * Each of the three is its own error boundary: whatever one of them fails to draw, the others stay.
 */
export function App() {
  const report = useDiffStore((state) => (state.phase === 'done' ? state.report : null))
  const isIdle = useDiffStore((state) => state.phase === 'idle')
  const selectedPath = useDiffStore((state) => state.selectedPath)
  const panel = useDiffStore((state) => state.panel)
  const select = useDiffStore((state) => state.select)
  const showPanel = useDiffStore((state) => state.showPanel)
  const sample = useSample()
  // Going on after a detail failure: back to the causes, with nothing selected.
  const resetDetail = () => {
    void select(null)
    showPanel('causes')
  }

  return (
    <div className="app">
      <BrowserSupport />
      <AppHeader onSample={() => void sample.load()} isSampleLoading={sample.isLoading} />
      {sample.error && <ErrorMessage title="Sample not loaded." error={sample.error} />}
      <div className="inputs">
        <DropZone side="left" />
        <DropZone side="right" />
      </div>
      <ErrorBoundary title="The verdict could not be shown." resetKeys={[report]} testId="verdict-error">
        <ComparisonStatus />
      </ErrorBoundary>
      {report ? (
        <main className="workspace">
          <ErrorBoundary title="The member tree could not be shown." resetKeys={[report]} testId="tree-error">
            <MemberTree report={report} />
          </ErrorBoundary>
          <ErrorBoundary title="The details could not be shown." resetKeys={[report, selectedPath, panel]} onReset={resetDetail} testId="detail-error">
            <DetailPane report={report} />
          </ErrorBoundary>
        </main>
      ) : (
        isIdle && <Intro />
      )}
      <LimitsPanel />
    </div>
  )
}
