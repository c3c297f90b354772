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

describe('CAUSE_LABEL', () => {
  it('has a short name for every cause the core can raise, the new security ones included', async () => {
    const { CAUSE_LABEL } = await import('../../src/ui/causes')
    const { EXPLANATION_RULES } = await import('../../src/core/index')
    // The derived-record rule raises findings under the cause of the files it follows from, never its own id.
    const causes = EXPLANATION_RULES.map((rule) => rule.cause).filter((cause) => cause !== 'derived')
    expect(causes).toEqual(expect.arrayContaining(['ambiguous-format', 'special-file', 'confusable-name', 'renamed']))
    expect(causes.filter((cause) => !(cause in CAUSE_LABEL))).toEqual([])
  })
})
