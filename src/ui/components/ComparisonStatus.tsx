import { useDiffStore } from '../../store/diff-store'
import { ErrorMessage } from './ErrorMessage'
import { ReadingProgress } from './ReadingProgress'
import { SecurityAlert } from './SecurityAlert'
import { VerdictBanner } from './VerdictBanner'

/** The strip under the inputs: progress while reading, then any security warning and the verdict, or why not. */
export function ComparisonStatus() {
  const phase = useDiffStore((state) => state.phase)
  const report = useDiffStore((state) => state.report)
  const failure = useDiffStore((state) => state.failure)
  const elapsedMs = useDiffStore((state) => state.elapsedMs)
  const analysisFailure = useDiffStore((state) => state.analysisFailure)
  const compare = useDiffStore((state) => state.compare)

  if (phase === 'reading') return <ReadingProgress />
  if (phase === 'failed' && failure?.code === 'CANCELLED') {
    return (
      <section className="notice" data-testid="cancelled">
        Comparison cancelled.
        <button type="button" className="button" onClick={() => void compare()}>Compare again</button>
      </section>
    )
  }
  if (phase === 'failed' && failure) return <ErrorMessage title="The comparison failed." error={failure} />
  if (phase !== 'done' || !report) return null
  return (
    <>
      <SecurityAlert findings={report.findings} />
      <VerdictBanner report={report} elapsedMs={elapsedMs} />
      {analysisFailure && (
        <ErrorMessage title="The causes and the security checks could not be worked out." error={analysisFailure} testId="analysis-error">
          The verdict and the members below are as compared; no cause is named and no security finding was checked.
        </ErrorMessage>
      )}
    </>
  )
}
