import { useCallback, useEffect, useState } from 'react'
import type { CoreError } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'

/** React's StrictMode runs effects twice in development; `?sample` must still load the pair once. */
let urlSampleStarted = false

/**
 * Loads the bundled sample pair, turning a failed fetch (e.g. the page opened from file://) into an
 * error the page can show. With `?sample` in the URL it loads at once.
 */
export function useSample() {
  const loadSample = useDiffStore((state) => state.loadSample)
  const [error, setError] = useState<CoreError | null>(null)
  const [isLoading, setLoading] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    setLoading(true)
    try {
      await loadSample()
    } catch (thrown) {
      const message = thrown instanceof Error ? thrown.message : String(thrown)
      setError({ code: 'READ_FAILED', message: `The sample pair could not be fetched from this server (${message}).` })
    } finally {
      setLoading(false)
    }
  }, [loadSample])

  useEffect(() => {
    if (urlSampleStarted || !new URLSearchParams(window.location.search).has('sample')) return
    urlSampleStarted = true
    void load()
  }, [load])

  return { load, error, isLoading }
}
