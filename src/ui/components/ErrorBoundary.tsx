import { Component, type ErrorInfo, type ReactNode } from 'react'

interface ErrorBoundaryProps {
  /** What failed, in words ("The member tree could not be shown."). */
  title: string
  /** The boundary starts over when any of these change (a new report, another selected member). */
  resetKeys: readonly unknown[]
  /** What "go on" does besides drawing the part again (clear the selection that failed). */
  onReset?(): void
  testId?: string
  children: ReactNode
}

interface ErrorBoundaryState {
  error: Error | null
  keys: readonly unknown[]
}

const sameKeys = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((key, i) => Object.is(key, b[i]))

/**
 * Keeps one part of the page from blanking the rest: a render error in the member tree or the detail pane
 * shows here, with its message and a way to go on, while the verdict and the report above stay visible.
 * React has error boundaries only as class components.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null, keys: this.props.resetKeys }

  static getDerivedStateFromError(error: unknown): Partial<ErrorBoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  static getDerivedStateFromProps(props: ErrorBoundaryProps, state: ErrorBoundaryState): Partial<ErrorBoundaryState> | null {
    return sameKeys(props.resetKeys, state.keys) ? null : { error: null, keys: props.resetKeys }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept in the console for bug reports; the page shows the message.
    console.error(error, info.componentStack)
  }

  private reset = () => {
    this.props.onReset?.()
    this.setState({ error: null })
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div className="error-message error-boundary" role="alert" data-testid={this.props.testId ?? 'error-boundary'}>
        <p className="error-title"><strong>{this.props.title}</strong><span className="error-code">page error</span></p>
        <p data-testid="boundary-message">{error.message}</p>
        <p className="error-action">
          The verdict and the report above are complete; only this part failed to draw.{' '}
          <button type="button" className="button small" data-testid="boundary-retry" onClick={this.reset}>Try again</button>
        </p>
      </div>
    )
  }
}
