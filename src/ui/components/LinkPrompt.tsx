import { Suspense, useEffect, useState } from 'react'
import { useDiffStore } from '../../store/diff-store'
import { preloadedLazy } from '../preloaded-lazy'

/*
 * The link code (store/link-state.ts, store/link-session.ts, the prompt) loads only when it has work: the page
 * was opened with a fragment, or a comparison has started (its fragment is then kept current). The page before a
 * comparison stays within its weight (docs/performance.md).
 */
/** The link prompt and the Copy link button's chunk (one for both). */
const loadLinkPanel = () => import('./LinkPromptPanel')
const LinkPromptPanel = preloadedLazy(async () => (await loadLinkPanel()).LinkPromptPanel).View
/** The Copy link control of the Export row (CopyLinkButton.tsx): the same chunk, loaded when the prompt is. */
export const copyLinkControl = preloadedLazy(async () => (await loadLinkPanel()).CopyLinkControl)

/** The link prompt and the fragment's upkeep, mounted once above the inputs. */
export function LinkPrompt() {
  const [hasFragment] = useState(() => typeof location !== 'undefined' && location.hash.includes('='))
  const hasStarted = useDiffStore((state) => state.phase !== 'idle')
  const [isNeeded, setNeeded] = useState(false)
  if (!isNeeded && (hasFragment || hasStarted)) setNeeded(true)
  useEffect(() => {
    if (isNeeded) void copyLinkControl.preload().catch(() => undefined)
  }, [isNeeded])
  if (!isNeeded) return null
  return (
    <Suspense fallback={null}>
      <LinkPromptPanel />
    </Suspense>
  )
}
