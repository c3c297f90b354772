import { describe, expect, it } from 'vitest'
import { decodeLink, encodeLink, LINK_VERSION, MAX_LINK_CHARACTERS, type LinkState } from '../../src/store/link-state'

const SHA_A = 'a'.repeat(64)
const SHA_B = '0123456789abcdef'.repeat(4)

const STATE: LinkState = {
  left: { name: 'demo-1.0-py3-none-any.whl', size: 1234, sha256: SHA_A },
  right: { name: 'demo-1.0-py3-none-any.whl', size: 1300, sha256: SHA_B, url: 'https://files.example.org/packages/demo-1.0-py3-none-any.whl' },
  member: 'demo/__init__.py',
  view: { panel: 'member', layout: 'inline', collapseUnchanged: false, sort: 'status', hideIdentical: true, hideMetadataOnly: false },
}

function decoded(fragment: string) {
  const result = decodeLink(fragment)
  if (result.kind !== 'link') throw new Error(`expected a link, got ${JSON.stringify(result)}`)
  return result
}

function problemOf(fragment: string) {
  const result = decodeLink(fragment)
  if (result.kind !== 'problem') throw new Error(`expected a problem, got ${JSON.stringify(result)}`)
  return result.problem
}

describe('the page state in the URL fragment', () => {
  it('round-trips both sides, the member and the view options, version first', () => {
    const fragment = encodeLink(STATE)
    expect(fragment.startsWith(`v=${LINK_VERSION}&`)).toBe(true)
    expect(decoded(fragment).link).toEqual(STATE)
    expect(decoded(`#${fragment}`).link).toEqual(STATE)
  })

  it('is the same text for the same state (a link does not change while nothing changes)', () => {
    expect(encodeLink(STATE)).toBe(encodeLink(structuredClone(STATE)))
  })

  it('encodes hostile names and member paths so they cannot break out of their field', () => {
    const hostile = 'a&m=evil,1,ff#x y+z%zz\u202e<script>/../\u0000'
    const state: LinkState = { ...STATE, left: { ...STATE.left, name: hostile }, member: `${hostile}!/inner&v=2` }
    const fragment = encodeLink(state)
    expect(fragment).not.toMatch(/[<>\s#"]/)
    expect(fragment.split('&').filter((part) => part.startsWith('m=')).length).toBe(1)
    const link = decoded(fragment).link
    expect(link.left.name).toBe(hostile)
    expect(link.member).toBe(`${hostile}!/inner&v=2`)
  })

  it('keeps a plus sign a plus sign (no form decoding)', () => {
    const state: LinkState = { ...STATE, member: 'c++/a+b.h' }
    expect(decoded(encodeLink(state)).link.member).toBe('c++/a+b.h')
  })

  it('is no link at all for an empty fragment or an ordinary anchor', () => {
    expect(decodeLink('').kind).toBe('none')
    expect(decodeLink('#').kind).toBe('none')
    expect(decodeLink('#usage').kind).toBe('none')
  })

  it('names an unknown version instead of guessing', () => {
    const problem = problemOf(encodeLink(STATE).replace('v=1', 'v=2'))
    expect(problem.code).toBe('LINK_VERSION')
    expect(problem.message).toContain('version "2"')
    expect(problemOf(encodeLink(STATE).replace('v=1&', '')).code).toBe('LINK_VERSION')
  })

  it('turns every malformed side into a coded problem, never a throw', () => {
    const side = (value: string) => `v=1&l=${value}&r=b.whl,1,${SHA_B}`
    expect(problemOf(side('a.whl,12,nothex')).code).toBe('LINK_SIDE')
    expect(problemOf(side(`a.whl,-1,${SHA_A}`)).code).toBe('LINK_SIDE')
    expect(problemOf(side(`a.whl,1e3,${SHA_A}`)).code).toBe('LINK_SIDE')
    expect(problemOf(side(`a.whl,99999999999999999999,${SHA_A}`)).code).toBe('LINK_SIDE')
    expect(problemOf(side(`,12,${SHA_A}`)).code).toBe('LINK_SIDE')
    expect(problemOf(side('a.whl,12')).code).toBe('LINK_SIDE')
    expect(problemOf(side(`a.whl,12,${SHA_A},https%3A%2F%2Fx.org%2Fa,extra`)).code).toBe('LINK_SIDE')
    expect(problemOf(`v=1&r=b.whl,1,${SHA_B}`).code).toBe('LINK_SIDE')
    expect(problemOf(side(`a%E0%A4%A.whl,12,${SHA_A}`)).code).toBe('LINK_MALFORMED')
  })

  it('accepts only https and loopback http URLs for a side, with no credentials', () => {
    const withUrl = (url: string) => `v=1&l=a.whl,1,${SHA_A},${encodeURIComponent(url)}&r=b.whl,1,${SHA_B}`
    expect(decoded(withUrl('http://127.0.0.1:8080/a.whl')).link.left.url).toBe('http://127.0.0.1:8080/a.whl')
    expect(decoded(withUrl('http://localhost/a.whl')).link.left.url).toBe('http://localhost/a.whl')
    for (const url of ['javascript:alert(1)', 'http://example.org/a.whl', 'file:///etc/passwd', 'data:text/html,x', 'https://user:secret@example.org/a', 'not a url']) {
      expect(problemOf(withUrl(url)).code, url).toBe('LINK_URL')
    }
  })

  it('refuses a repeated field and an over-long fragment', () => {
    expect(problemOf(`${encodeLink(STATE)}&m=other`).code).toBe('LINK_MALFORMED')
    expect(problemOf(`v=1&m=${'x'.repeat(MAX_LINK_CHARACTERS)}`).code).toBe('LINK_TOO_LONG')
  })

  it('drops a bad view option with a note, and keeps the rest of the link', () => {
    const result = decoded(encodeLink(STATE).replace('d=inline', 'd=sideways').replace('p=member', 'p=%3Cimg%3E'))
    expect(result.link.view.layout).toBeUndefined()
    expect(result.link.view.panel).toBeUndefined()
    expect(result.link.view.sort).toBe('status')
    expect(result.notes.map((note) => note.code)).toEqual(['LINK_OPTION', 'LINK_OPTION'])
    expect(result.notes[0].message).toContain('p="<img>"')
    expect(result.notes[1].message).toContain('d="sideways"')
  })

  it('ignores fields it does not know (a later v1 page may add some), and reads a link without a member', () => {
    const state: LinkState = { ...STATE, member: null, view: {} }
    const result = decoded(`${encodeLink(state)}&zz=1`)
    expect(result.link).toEqual(state)
    expect(result.notes).toEqual([])
  })
})
