/** Command-line arguments: valued flags as `--flag=value` and `--flag value` (issue 9, item 4). */
import { describe, expect, it } from 'vitest'
import { parseArguments } from '../../src/cli/args'

describe('parseArguments', () => {
  it('reads a valued flag the same with "=" and as the next argument', () => {
    const joined = parseArguments(['--max-depth=3', 'a.whl', 'b.whl'])
    const separate = parseArguments(['--max-depth', '3', 'a.whl', 'b.whl'])
    expect(separate).toEqual(joined)
    expect(separate.limits).toEqual({ maxDepth: 3 })
    expect(separate.paths).toEqual(['a.whl', 'b.whl'])
    expect(separate.problems).toEqual([])
  })

  it('takes --open-same-bytes as a switch (off by default)', () => {
    expect(parseArguments(['a.whl', 'b.whl']).openSameBytes).toBe(false)
    expect(parseArguments(['--open-same-bytes', 'a.whl', 'b.whl'])).toMatchObject({ openSameBytes: true, paths: ['a.whl', 'b.whl'], problems: [] })
  })

  it('takes the separate form for byte sizes and between the paths', () => {
    const parsed = parseArguments(['a.whl', '--max-member-size', '2GiB', 'b.whl', '--json'])
    expect(parsed).toMatchObject({ paths: ['a.whl', 'b.whl'], json: true, problems: [], limits: { maxMemberBytes: 2 * 1024 ** 3 } })
  })

  it('names a valued flag given no value, and does not take the next flag as its value', () => {
    expect(parseArguments(['a.whl', 'b.whl', '--max-ratio']).problems).toEqual(['--max-ratio needs a value'])
    const parsed = parseArguments(['--max-ratio', '--json', 'a.whl', 'b.whl'])
    expect(parsed.problems).toEqual(['--max-ratio needs a value'])
    expect(parsed.json).toBe(true)
  })

  it('refuses a malformed value in either form, and an unknown option', () => {
    expect(parseArguments(['--max-ratio', 'lots', 'a', 'b']).problems).toEqual(['--max-ratio needs a positive value, got "lots"'])
    expect(parseArguments(['--max-ratio=lots', 'a', 'b']).problems).toEqual(['--max-ratio needs a positive value, got "lots"'])
    expect(parseArguments(['--colour', 'a', 'b']).problems).toEqual(['unknown option --colour'])
  })

  it('does not take a value for a switch with "=" silently', () => {
    expect(parseArguments(['--json=yes', 'a', 'b']).problems).toEqual(['--json takes no value'])
  })
})
