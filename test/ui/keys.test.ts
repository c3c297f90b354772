import { describe, expect, it } from 'vitest'
import { chordLabel, pageKeyAction, PAGE_KEYS, type KeyInput } from '../../src/ui/keys'

const press = (key: string, over: Partial<KeyInput> = {}): KeyInput => ({
  key, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, inTextField: false, inEditor: false, inTree: false, ...over,
})

describe('pageKeyAction: the page-wide keys', () => {
  it('maps VS Code\u2019s diff keys and the review tools\u2019 letters', () => {
    expect(pageKeyAction(press('F7'))).toBe('next-change')
    expect(pageKeyAction(press('F7', { shiftKey: true }))).toBe('prev-change')
    expect(pageKeyAction(press('F5', { altKey: true }))).toBe('next-change')
    expect(pageKeyAction(press('F5', { altKey: true, shiftKey: true }))).toBe('prev-change')
    expect(pageKeyAction(press('n'))).toBe('next-change')
    expect(pageKeyAction(press('p'))).toBe('prev-change')
    expect(pageKeyAction(press('j'))).toBe('next-member')
    expect(pageKeyAction(press('k'))).toBe('prev-member')
    expect(pageKeyAction(press(']'))).toBe('next-member')
    expect(pageKeyAction(press('['))).toBe('prev-member')
    expect(pageKeyAction(press('?', { shiftKey: true }))).toBe('help')
  })

  it('never fires a single character in a text field, in the editor or in the tree', () => {
    for (const where of [{ inTextField: true }, { inEditor: true }, { inTree: true }]) {
      for (const key of ['n', 'p', 'j', 'k', ']', '[', '?']) expect(pageKeyAction(press(key, where))).toBeNull()
    }
  })

  it('function keys work everywhere, the editor included (Monaco would open its accessible viewer on F7)', () => {
    expect(pageKeyAction(press('F7', { inEditor: true }))).toBe('next-change')
    expect(pageKeyAction(press('F5', { altKey: true, inTextField: true }))).toBe('next-change')
  })

  it('leaves the browser\u2019s shortcuts and other chords alone', () => {
    expect(pageKeyAction(press('n', { ctrlKey: true }))).toBeNull()
    expect(pageKeyAction(press('p', { metaKey: true }))).toBeNull()
    expect(pageKeyAction(press('j', { altKey: true }))).toBeNull()
    expect(pageKeyAction(press('N', { shiftKey: true }))).toBeNull()
    expect(pageKeyAction(press('F5'))).toBeNull()
    expect(pageKeyAction(press('F7', { ctrlKey: true }))).toBeNull()
  })

  it('the help lists every chord the handler answers', () => {
    const labels = PAGE_KEYS.flatMap((entry) => entry.chords.map(chordLabel))
    expect(labels).toEqual(expect.arrayContaining(['n', 'F7', 'Alt+F5', 'Shift+F7', 'Shift+Alt+F5', 'j', ']', '?']))
  })
})
