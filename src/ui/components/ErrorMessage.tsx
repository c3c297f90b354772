import type { ReactNode } from 'react'
import type { CoreError } from '../../core/types-public'

interface ErrorMessageProps {
  title: string
  error: CoreError
  testId?: string
  /** What the user can do about it (a button), shown after the message. */
  children?: ReactNode
}

/** A problem the user must see: what failed, in words, with the error code for bug reports. */
export function ErrorMessage({ title, error, testId = 'error', children }: ErrorMessageProps) {
  return (
    <div className="error-message" role="alert" data-testid={testId} data-code={error.code}>
      <p className="error-title">
        <strong>{title}</strong>
        <span className="error-code">{error.code}{error.offset !== undefined ? ` at byte ${error.offset}` : ''}</span>
      </p>
      <p>{error.message}</p>
      {children && <p className="error-action">{children}</p>}
    </div>
  )
}
