/** The Limits panel's rules: what a typed value means, how limits are shown, kept and applied. */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseArguments } from '../../src/cli/args'
import { DEFAULT_LIMITS, parseSize } from '../../src/store/format'
import {
  customLimits, formatLimit, LIMIT_CLI_FLAG, LIMIT_KIND, LIMIT_NAMES, limitInputText, loadLimits, parseLimitInput, saveLimits, type LimitName,
} from '../../src/store/limits'

const value = (name: LimitName, text: string) => {
  const parsed = parseLimitInput(name, text)
  return parsed.ok ? parsed.value : parsed.message
}

describe('parseSize (shared by the CLI and the page)', () => {
  it.each([
    ['100', 100], ['100B', 100], ['10k', 10_000], ['10KiB', 10_240], ['500M', 500_000_000], ['500 MiB', 500 * 1024 ** 2],
    ['2GiB', 2 * 1024 ** 3], ['2gib', 2 * 1024 ** 3], ['1.5G', 1_500_000_000], [' 8MiB ', 8 * 1024 ** 2], ['1TiB', 1024 ** 4],
  ])('reads %j as %d bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes)
  })

  it.each(['', 'abc', '-5', '5 parsecs', '1e6', '2 GiB extra', 'MiB'])('refuses %j', (text) => {
    expect(parseSize(text)).toBeNull()
  })
})

describe('parseLimitInput', () => {
  it('reads byte sizes for the size limits', () => {
    expect(value('maxMemberBytes', '100')).toBe(100)
    expect(value('maxTotalBytes', '16GiB')).toBe(DEFAULT_LIMITS.maxTotalBytes)
    expect(value('maxTextBytes', '10k')).toBe(10_000)
  })

  it('reads a ratio with or without ":1"', () => {
    expect(value('maxRatio', '1000')).toBe(1000)
    expect(value('maxRatio', '250:1')).toBe(250)
    expect(value('maxRatio', '2.5 : 1')).toBe(2.5)
  })

  it('reads a count with thousands separators, as the page shows it', () => {
    expect(value('maxMembers', '500000')).toBe(500_000)
    expect(value('maxMembers', '500,000')).toBe(500_000)
    expect(value('maxMembers', '1_000_000')).toBe(1_000_000)
  })

  it('refuses bad input with a message that says what is accepted', () => {
    expect(value('maxMemberBytes', 'lots')).toBe('"lots" is not a number of bytes or a size such as 500M, 64MiB or 2GiB.')
    expect(value('maxMembers', '10k')).toMatch(/is not a whole number/)
    expect(value('maxMembers', '12,34')).toMatch(/is not a whole number/)
    expect(value('maxMembers', '2.5')).toMatch(/is not a whole number/)
    expect(value('maxRatio', '1:1000')).toMatch(/is not a number such as 1000/)
    expect(value('maxTextBytes', '   ')).toBe('Enter a value.')
  })

  it('refuses zero, ratios below 1:1 and values too large to count exactly', () => {
    expect(value('maxMemberBytes', '0')).toBe('Must be at least 1.')
    expect(value('maxMembers', '0')).toBe('Must be at least 1.')
    expect(value('maxRatio', '0.5')).toBe('A ratio must be at least 1 (1:1).')
    expect(value('maxTotalBytes', '100000TiB')).toMatch(/larger than this page can count exactly/)
  })
})

describe('display', () => {
  it('states each default the way the page shows it', () => {
    expect(LIMIT_NAMES.map((name) => formatLimit(name, DEFAULT_LIMITS[name]))).toEqual(['2.0 GiB', '16 GiB', '1,000:1', '500,000', '5', '8.0 MiB'])
  })

  it('starts inputs from exact, short text that reads back to the same value', () => {
    expect(limitInputText('maxMemberBytes', 2 * 1024 ** 3)).toBe('2GiB')
    expect(limitInputText('maxTextBytes', 8 * 1024 ** 2)).toBe('8MiB')
    expect(limitInputText('maxMemberBytes', 1536)).toBe('1536')
    expect(limitInputText('maxMembers', 500_000)).toBe('500000')
    for (const name of LIMIT_NAMES) {
      for (const limit of [DEFAULT_LIMITS[name], 100, 1536, 3 * 1024 ** 2]) expect(value(name, limitInputText(name, limit))).toBe(limit)
    }
  })

  it('names only the limits that differ from the defaults', () => {
    expect(customLimits(DEFAULT_LIMITS)).toEqual({})
    expect(customLimits({ ...DEFAULT_LIMITS, maxRatio: 50 })).toEqual({ maxRatio: 50 })
  })
})

describe('the CLI and the page agree', () => {
  it('each flag the panel names sets the same limit on the command line', () => {
    for (const name of LIMIT_NAMES) {
      const flag = LIMIT_CLI_FLAG[name]
      if (!flag) continue
      const text = LIMIT_KIND[name] === 'bytes' ? '3MiB' : '42'
      const parsed = parseArguments([`${flag}=${text}`, 'a', 'b'])
      expect(parsed.problems).toEqual([])
      expect(parsed.limits).toEqual({ [name]: value(name, text) })
    }
  })
})

describe('kept between visits', () => {
  afterEach(() => vi.unstubAllGlobals())

  function fakeStorage(initial: Record<string, string> = {}) {
    const items = new Map(Object.entries(initial))
    return {
      items,
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, text: string) => void items.set(key, text),
      removeItem: (key: string) => void items.delete(key),
    }
  }

  it('saves only custom values, and removes the entry when all are defaults again', () => {
    const storage = fakeStorage()
    vi.stubGlobal('localStorage', storage)
    saveLimits({ ...DEFAULT_LIMITS, maxMemberBytes: 100 })
    expect(JSON.parse(storage.items.get('reprodiff.limits')!)).toEqual({ maxMemberBytes: 100 })
    expect(loadLimits()).toEqual({ ...DEFAULT_LIMITS, maxMemberBytes: 100 })
    saveLimits(DEFAULT_LIMITS)
    expect(storage.items.has('reprodiff.limits')).toBe(false)
  })

  it('drops saved values that are not usable limits, and survives corrupt or blocked storage', () => {
    vi.stubGlobal('localStorage', fakeStorage({ 'reprodiff.limits': JSON.stringify({ maxMembers: -1, maxRatio: 'x', maxTextBytes: 10, other: 5 }) }))
    expect(loadLimits()).toEqual({ ...DEFAULT_LIMITS, maxTextBytes: 10 })
    vi.stubGlobal('localStorage', fakeStorage({ 'reprodiff.limits': '{not json' }))
    expect(loadLimits()).toEqual(DEFAULT_LIMITS)
    const blocked = { getItem: () => { throw new Error('SecurityError') }, setItem: () => { throw new Error('QuotaExceededError') }, removeItem() {} }
    vi.stubGlobal('localStorage', blocked)
    expect(loadLimits()).toEqual(DEFAULT_LIMITS)
    expect(() => saveLimits({ ...DEFAULT_LIMITS, maxRatio: 5 })).not.toThrow()
  })
})
