import { lazy, Suspense } from 'react'
import { useDiffStore } from '../../store/diff-store'
import { loadLinkPanel } from './LinkPrompt'

/* The button and the link code behind it load once a comparison is done, with the link prompt (docs/performance.md). */
const CopyLinkControl = lazy(async () => ({ default: (await loadLinkPanel()).CopyLinkControl }))

/** "Copy link" (`copy-link`), shown once a comparison is done. */
export function CopyLinkButton() {
  const isDone = useDiffStore((state) => state.phase === 'done' && state.report !== null)
  if (!isDone) return null
  return (
    <Suspense fallback={null}>
      <CopyLinkControl />
    </Suspense>
  )
}
