import { Suspense } from 'react'
import { useDiffStore } from '../../store/diff-store'
import { copyLinkControl } from './LinkPrompt'

/*
 * The button and the link code behind it load with the link prompt, once a comparison has started (docs/performance.md);
 * the button shows once it is done, without suspending when the chunk is in (preloaded-lazy.tsx).
 */
const CopyLinkControl = copyLinkControl.View

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
