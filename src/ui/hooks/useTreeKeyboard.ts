import type { KeyboardEvent } from 'react'

/**
 * Keyboard use of the member tree, so long trees work without a mouse: arrows, Home and End move focus
 * between rows; Right opens and Left closes the focused folder.
 */
export function useTreeKeyboard(setOpen: (folderKey: string, open: boolean) => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-row]')]
    const focused = document.activeElement as HTMLElement | null
    const folderKey = focused?.dataset.folderKey
    if (folderKey !== undefined && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')) {
      event.preventDefault()
      setOpen(folderKey, event.key === 'ArrowRight')
      return
    }
    const current = focused ? rows.indexOf(focused) : -1
    const target = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: rows.length - 1 }[event.key]
    if (target === undefined || rows.length === 0) return
    event.preventDefault()
    rows[Math.max(0, Math.min(rows.length - 1, target))].focus()
  }
}
