import { Suspense, useEffect, useState } from 'react'
import { useDiffStore } from '../store/diff-store'
import { AppHeader } from './components/AppHeader'
import { BrowserSupport } from './components/BrowserSupport'
import { ComparisonStatus } from './components/ComparisonStatus'
import { DropZone } from './components/DropZone'
import { ErrorBoundary } from './components/ErrorBoundary'
import { ErrorMessage } from './components/ErrorMessage'
import { FoldedHeader } from './components/FoldedHeader'
import { Intro } from './components/Intro'
import { KeyHelp } from './components/KeyHelp'
import { LimitsPanel } from './components/LimitsPanel'
import { LinkPrompt } from './components/LinkPrompt'
import { SplitPane } from './components/SplitPane'
import { useSample } from './hooks/useSample'
import { installPageKeys, type PageAction } from './keys'
import { preloadedLazy } from './preloaded-lazy'
import './navigation.css'

/*
 * The member tree and the detail tabs (map, hex, binary structure, content) load on first use: the page before a
 * comparison is the drop zones (docs/performance.md, page weight). Their loading starts when a comparison does,
 * so the verdict's first rows do not wait for it.
 */
const memberTree = preloadedLazy(async () => (await import('./components/MemberTree')).MemberTree)
const detailPane = preloadedLazy(async () => (await import('./components/DetailPane')).DetailPane)
const MemberTree = memberTree.View
const DetailPane = detailPane.View

/** Starts loading the comparison's views once the page leaves idle (files chosen). */
function usePreloadComparisonViews(isIdle: boolean) {
  useEffect(() => {
    if (isIdle) return
    void memberTree.preload().catch(() => undefined)
    void detailPane.preload().catch(() => undefined)
  }, [isIdle])
}

/** The page-wide keys (ui/keys.ts), carried out by the store's actions. */
function usePageKeys() {
  useEffect(() => installPageKeys(window, (action: PageAction) => {
    const state = useDiffStore.getState()
    if (action === 'help') state.showKeyHelp(true)
    else if (action === 'next-change' || action === 'prev-change') state.stepChange(action === 'next-change' ? 1 : -1)
    else state.stepMember(action === 'next-member' ? 1 : -1)
  }), [])
}

/**
 * The page: what this browser lacks (if anything), inputs on top, then the verdict and its causes, then the member tree beside the detail tabs,
 * with a resizable split between them. Once a member is open, the header, inputs and verdict fold into one line (FoldedHeader) until expanded.
 * Each of the three is its own error boundary: whatever one of them fails to draw, the others stay.
 */
export function App() {
  const report = useDiffStore((state) => (state.phase === 'done' ? state.report : null))
  const isIdle = useDiffStore((state) => state.phase === 'idle')
  const selectedPath = useDiffStore((state) => state.selectedPath)
  const panel = useDiffStore((state) => state.panel)
  const analysisFailure = useDiffStore((state) => state.analysisFailure)
  const select = useDiffStore((state) => state.select)
  const showPanel = useDiffStore((state) => state.showPanel)
  const sample = useSample()
  const [isExpanded, setExpanded] = useState(false)
  // Each comparison starts folded-when-opened again.
  useEffect(() => setExpanded(false), [report])
  usePageKeys()
  usePreloadComparisonViews(isIdle)
  // Going on after a detail failure: back to the causes, with nothing selected.
  const resetDetail = () => {
    void select(null)
    showPanel('causes')
  }
  // Folded while a member's content is what the pane shows; the causes, package, archive and map tabs get the whole
  // header back (their links lead to the banner). An error above the tree is never folded away.
  const canFold = Boolean(report) && selectedPath !== null && panel === 'member' && !analysisFailure && !sample.error
  const isFolded = canFold && !isExpanded

  return (
    <div className={`app${isFolded ? ' is-folded' : ''}`}>
      <BrowserSupport />
      {isFolded && report && <FoldedHeader report={report} onExpand={() => setExpanded(true)} />}
      <div className="page-head" hidden={isFolded}>
        {/* Not drawn while folded: its theme and limits buttons are in the folded line (one of each on the page). */}
        {!isFolded && <AppHeader onSample={() => void sample.load()} isSampleLoading={sample.isLoading} />}
        {sample.error && <ErrorMessage title="Sample not loaded." error={sample.error} />}
        <LinkPrompt />
        <div className="inputs">
          <DropZone side="left" />
          <DropZone side="right" />
        </div>
        <ErrorBoundary title="The verdict could not be shown." resetKeys={[report]} testId="verdict-error">
          <ComparisonStatus />
        </ErrorBoundary>
        {canFold && (
          <button type="button" className="button small fold-header" data-testid="fold-header" aria-expanded="true" onClick={() => setExpanded(false)}>
            Fold the header into one line
          </button>
        )}
      </div>
      {report ? (
        <SplitPane
          tree={(
            <ErrorBoundary title="The member tree could not be shown." resetKeys={[report]} testId="tree-error">
              <Suspense fallback={null}>
                <MemberTree report={report} />
              </Suspense>
            </ErrorBoundary>
          )}
          detail={(
            <ErrorBoundary title="The details could not be shown." resetKeys={[report, selectedPath, panel]} onReset={resetDetail} testId="detail-error">
              <Suspense fallback={null}>
                <DetailPane report={report} />
              </Suspense>
            </ErrorBoundary>
          )}
        />
      ) : (
        isIdle && <Intro />
      )}
      <LimitsPanel />
      <KeyHelp />
    </div>
  )
}
