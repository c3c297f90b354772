import { describe, expect, it } from 'vitest'
import { clampTreeWidth, DEFAULT_VIEW_PREFS, defaultLayoutFor, NARROW_SCREEN_PX, parseViewPrefs, TREE_WIDTH } from '../../src/store/view-prefs'

describe('view preferences kept between visits', () => {
  it('start side by side, with unchanged regions collapsed', () => {
    expect(DEFAULT_VIEW_PREFS).toMatchObject({ layout: 'side-by-side', collapseUnchanged: true })
    expect(parseViewPrefs(null)).toEqual(DEFAULT_VIEW_PREFS)
  })

  it('read back what was saved, and fall back field by field on anything else', () => {
    expect(parseViewPrefs({ layout: 'inline', collapseUnchanged: false, treeWidth: 500 })).toEqual({ layout: 'inline', collapseUnchanged: false, treeWidth: 500 })
    expect(parseViewPrefs({ layout: 'sideways', collapseUnchanged: 'yes', treeWidth: 'wide' })).toEqual(DEFAULT_VIEW_PREFS)
  })

  it('keep the split within its bounds', () => {
    expect(clampTreeWidth(10)).toBe(TREE_WIDTH.min)
    expect(clampTreeWidth(1e9)).toBe(TREE_WIDTH.max)
    expect(clampTreeWidth(Number.NaN)).toBe(TREE_WIDTH.default)
    expect(parseViewPrefs({ treeWidth: -5 }).treeWidth).toBe(TREE_WIDTH.min)
  })
})

describe('the layout when none was chosen', () => {
  it('is inline on a phone-sized screen and side by side on a wider one', () => {
    expect(defaultLayoutFor(390)).toBe('inline')
    expect(defaultLayoutFor(NARROW_SCREEN_PX - 1)).toBe('inline')
    expect(defaultLayoutFor(NARROW_SCREEN_PX)).toBe('side-by-side')
    expect(defaultLayoutFor(1280)).toBe('side-by-side')
  })
  it('applies only when nothing valid was saved: a saved choice wins on any screen', () => {
    expect(parseViewPrefs(null, 'inline').layout).toBe('inline')
    expect(parseViewPrefs({ layout: 'diagonal' }, 'inline').layout).toBe('inline')
    expect(parseViewPrefs({ layout: 'side-by-side' }, 'inline').layout).toBe('side-by-side')
    expect(parseViewPrefs({ layout: 'inline' }, 'side-by-side').layout).toBe('inline')
  })
})
