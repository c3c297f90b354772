import { useEffect, useRef } from 'react'
import { useDiffStore } from '../../store/diff-store'
import { chordLabel, PAGE_KEYS } from '../keys'

/** Keys of the tree itself (TreeList / tree-keys.ts), listed so the dialog names every key of the page. */
const TREE_KEYS: readonly [string, string][] = [
  ['Up, Down, Home, End', 'Move in the member tree'],
  ['Right, Left', 'Open a folder or enter it; close it or go to its parent'],
  ['Enter, Space', 'Open the member'],
  ['letters', 'In the tree: jump to the next row whose name starts with them'],
  ['Escape', 'Close this list'],
]

/**
 * The list of every key behind `?`: a modal dialog (Escape closes it), focus goes back where it was. Its rows come
 * from the same table as the handler (ui/keys.ts `PAGE_KEYS`).
 */
export function KeyHelp() {
  const isOpen = useDiffStore((state) => state.isKeyHelpOpen)
  const showKeyHelp = useDiffStore((state) => state.showKeyHelp)
  const dialogRef = useRef<HTMLDialogElement>(null)
  const returnTo = useRef<HTMLElement | null>(null)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (isOpen && !dialog.open) {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null
      dialog.showModal()
    } else if (!isOpen && dialog.open) dialog.close()
  }, [isOpen])

  const onClose = () => {
    showKeyHelp(false)
    returnTo.current?.focus()
    returnTo.current = null
  }

  return (
    <dialog ref={dialogRef} className="key-help" data-testid="key-help" aria-labelledby="key-help-title" onClose={onClose}>
      {isOpen && (
        <div className="key-help-body">
          <h2 id="key-help-title">Keys</h2>
          <p className="muted">Single letters work anywhere except while typing in a field, in the editor or in the tree (there they jump by name).</p>
          <table className="key-table">
            <tbody>
              {PAGE_KEYS.map((entry) => (
                <tr key={entry.action} data-action={entry.action}>
                  <th scope="row">{entry.chords.map((chord, index) => <span key={index}>{index > 0 && ', '}<kbd>{chordLabel(chord)}</kbd></span>)}</th>
                  <td>{entry.description}</td>
                </tr>
              ))}
              {TREE_KEYS.map(([keys, description]) => (
                <tr key={keys}><th scope="row"><kbd>{keys}</kbd></th><td>{description}</td></tr>
              ))}
            </tbody>
          </table>
          <form method="dialog" className="key-help-actions">
            <button type="submit" className="button" data-testid="key-help-close" autoFocus>Close</button>
          </form>
        </div>
      )}
    </dialog>
  )
}
