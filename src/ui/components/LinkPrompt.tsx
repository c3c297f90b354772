import { lazy, Suspense, useState } from 'react'
import { useDiffStore } from '../../store/diff-store'

/*
 * The link code (store/link-state.ts, store/link-session.ts, the prompt) loads only when it has work: the page
 * was opened with a fragment, or a comparison has started (its fragment is then kept current). The page before a
 * comparison stays within its weight (docs/performance.md).
 */
/** The link prompt and the Copy link button's chunk (one for both). */
export const loadLinkPanel = () => import('./LinkPromptPanel')
const LinkPromptPanel = lazy(async () => ({ default: (await loadLinkPanel()).LinkPromptPanel }))

/** The link prompt and the fragment's upkeep, mounted once above the inputs. */
export function LinkPrompt() {
  const [hasFragment] = useState(() => typeof location !== 'undefined' && location.hash.includes('='))
  const hasStarted = useDiffStore((state) => state.phase !== 'idle')
  const [isNeeded, setNeeded] = useState(false)
  if (!isNeeded && (hasFragment || hasStarted)) setNeeded(true)
  if (!isNeeded) return null
  return (
    <Suspense fallback={null}>
      <LinkPromptPanel />
    </Suspense>
  )
}
