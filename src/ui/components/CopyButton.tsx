import { copyText } from '../copy'
import { useCopyOutcome } from '../hooks/useCopyOutcome'

interface CopyButtonProps {
  text: string
  /** What is copied, in words ("the left SHA-256"): the button's accessible name and the announcement. */
  what: string
  testId?: string
}

/**
 * A small "Copy" button. It says "Copied" (or "Copy failed") for two seconds, in the button and to screen
 * readers through a polite live region. The Clipboard API needs no CSP source; it needs a secure context
 * (https:// or localhost), which is why failure is shown rather than assumed away.
 */
export function CopyButton({ text, what, testId }: CopyButtonProps) {
  const [outcome, setOutcome] = useCopyOutcome()
  const onClick = () => void copyText(typeof navigator === 'undefined' ? undefined : navigator.clipboard, text).then(setOutcome)
  const shown = outcome === 'copied' ? '✓ Copied' : outcome === 'failed' ? 'Copy failed' : 'Copy'
  return (
    <>
      <button type="button" className={`copy-button${outcome ? ` is-${outcome}` : ''}`} data-testid={testId} data-outcome={outcome ?? undefined}
        aria-label={`${outcome === 'copied' ? 'Copied' : 'Copy'} ${what}`} title={outcome === 'failed' ? `Could not copy: ${text}` : `Copy ${what}`} onClick={onClick}>
        {shown}
      </button>
      <span className="visually-hidden" role="status">{outcome === 'copied' ? `${what} copied` : outcome === 'failed' ? `Could not copy ${what}` : ''}</span>
    </>
  )
}
