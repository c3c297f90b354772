import { useDiffStore } from '../store/diff-store'
import { AppHeader } from './components/AppHeader'
import { ComparisonStatus } from './components/ComparisonStatus'
import { DetailPane } from './components/DetailPane'
import { DropZone } from './components/DropZone'
import { ErrorMessage } from './components/ErrorMessage'
import { Intro } from './components/Intro'
import { LimitsPanel } from './components/LimitsPanel'
import { MemberTree } from './components/MemberTree'
import { useSample } from './hooks/useSample'

/** The page: inputs on top, then the verdict and its causes, then the member tree beside the detail tabs. */
export function App() {
  const report = useDiffStore((state) => (state.phase === 'done' ? state.report : null))
  const isIdle = useDiffStore((state) => state.phase === 'idle')
  const sample = useSample()

  return (
    <div className="app">
      <AppHeader onSample={() => void sample.load()} isSampleLoading={sample.isLoading} />
      {sample.error && <ErrorMessage title="Sample not loaded." error={sample.error} />}
      <div className="inputs">
        <DropZone side="left" />
        <DropZone side="right" />
      </div>
      <ComparisonStatus />
      {report ? (
        <main className="workspace">
          <MemberTree report={report} />
          <DetailPane report={report} />
        </main>
      ) : (
        isIdle && <Intro />
      )}
      <LimitsPanel />
    </div>
  )
}
