import { useEffect, useState } from 'react'
import type { CopyOutcome } from '../copy'

const SHOWN_MS = 2000

/** The outcome of the last copy, shown for two seconds and then cleared (the Copy buttons' "Copied" / "Copy failed"). */
export function useCopyOutcome(): [CopyOutcome | null, (outcome: CopyOutcome | null) => void] {
  const [outcome, setOutcome] = useState<CopyOutcome | null>(null)
  useEffect(() => {
    if (outcome === null) return
    const timer = setTimeout(() => setOutcome(null), SHOWN_MS)
    return () => clearTimeout(timer)
  }, [outcome])
  return [outcome, setOutcome]
}
