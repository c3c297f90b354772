/** Which finding cards lead to the Limits panel. */
import { describe, expect, it } from 'vitest'
import { namesLimit } from '../../src/ui/causes'

describe('namesLimit', () => {
  it('is true for limit-exceeded, and for unreadable members whose remedy is to raise a limit', () => {
    expect(namesLimit({ cause: 'limit-exceeded', remedy: 'anything' })).toBe(true)
    expect(namesLimit({ cause: 'unreadable-member', remedy: 'Raise the limit (the Limits button…) if you trust the file' })).toBe(true)
  })

  it('is false for other causes, even when a path in the remedy contains "limit"', () => {
    expect(namesLimit({ cause: 'unreadable-member', remedy: 'Content of pkg/rate_limit.py is unknown' })).toBe(false)
    expect(namesLimit({ cause: 'content', remedy: 'Review these changes' })).toBe(false)
  })
})
