import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { REPORT_SCHEMA, type Report } from '../../src/core/index'
import { useDiffStore } from '../../src/store/diff-store'
import { pageLink, sha256OfFile, useLinkSession } from '../../src/store/link-session'
import { encodeLink } from '../../src/store/link-state'
import { DEFAULT_VIEW_PREFS } from '../../src/store/view-prefs'

const RIGHT_BYTES = new TextEncoder().encode('the right wheel')
const OTHER_BYTES = new TextEncoder().encode('another wheel')
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

function report(source?: { url: string }): Report {
  const side = { name: 'a.whl', size: RIGHT_BYTES.length, sha256: sha256(RIGHT_BYTES), format: 'zip' as const, memberCount: 0, anomalies: [] }
  return {
    schema: REPORT_SCHEMA, verdict: 'identical', left: { ...side, ...(source ? { source } : {}) }, right: { ...side }, archive: [], members: [],
    counts: { identical: 0, metadata: 0, modified: 0, 'left-only': 0, 'right-only': 0 }, package: null, findings: [], summary: '',
  }
}

describe('the link of the page', () => {
  it('hashes a local file as sha256sum does, without keeping it', async () => {
    expect(await sha256OfFile(new File([RIGHT_BYTES], 'a.whl'))).toBe(sha256(RIGHT_BYTES))
    expect(await sha256OfFile(new Blob([]))).toBe(sha256(new Uint8Array()))
  })

  it('is made only once a comparison is done, and from the report\'s names, sizes and digests', () => {
    const state = { ...useDiffStore.getState(), phase: 'done' as const, report: report(), selectedPath: 'pkg/a.py', panel: 'member' as const }
    const link = pageLink(state, { ...DEFAULT_VIEW_PREFS, layout: 'inline' })
    expect(link).toMatchObject({ left: { name: 'a.whl', size: RIGHT_BYTES.length, sha256: sha256(RIGHT_BYTES) }, member: 'pkg/a.py', view: { panel: 'member', layout: 'inline', collapseUnchanged: true } })
    expect(link?.left.url).toBeUndefined()
    expect(pageLink({ ...state, phase: 'reading' }, DEFAULT_VIEW_PREFS)).toBeNull()
    const unhashed = report()
    unhashed.right.sha256 = null
    expect(pageLink({ ...state, report: unhashed }, DEFAULT_VIEW_PREFS)).toBeNull()
  })

  it('carries a downloaded side\'s URL only when a link may (https, or loopback http)', () => {
    const state = { ...useDiffStore.getState(), phase: 'done' as const }
    expect(pageLink({ ...state, report: report({ url: 'https://files.example.org/a.whl' }) }, DEFAULT_VIEW_PREFS)?.left.url).toBe('https://files.example.org/a.whl')
    expect(pageLink({ ...state, report: report({ url: 'http://example.org/a.whl' }) }, DEFAULT_VIEW_PREFS)?.left.url).toBeUndefined()
  })
})

describe('opening a link', () => {
  it('names a file that is not the link\'s, and compares nothing until both files are the right ones', async () => {
    const rightSha = sha256(RIGHT_BYTES)
    const side = { name: 'a.whl', size: RIGHT_BYTES.length, sha256: rightSha }
    const session = useLinkSession.getState()
    session.open(`#${encodeLink({ left: side, right: side, member: null, view: {} })}`)
    expect(useLinkSession.getState().link?.left).toEqual(side)

    await useLinkSession.getState().giveFile('left', new File([RIGHT_BYTES], 'a.whl'))
    expect(useLinkSession.getState().sides.left.status).toBe('ok')
    await useLinkSession.getState().giveFile('right', new File([OTHER_BYTES], 'a.whl'))
    expect(useLinkSession.getState().sides.right).toEqual({ status: 'mismatch', name: 'a.whl', expected: rightSha, got: sha256(OTHER_BYTES) })
    expect(useDiffStore.getState().files).toEqual({ left: null, right: null })
    expect(useDiffStore.getState().phase).toBe('idle')
  })

  it('keeps a bad fragment as a problem, and an ordinary anchor as no link', () => {
    useLinkSession.getState().dismiss()
    useLinkSession.getState().open('#v=1&l=a,1,zz&r=b,1,zz')
    expect(useLinkSession.getState().problem?.code).toBe('LINK_SIDE')
    expect(useLinkSession.getState().link).toBeNull()
    useLinkSession.getState().dismiss()
    useLinkSession.getState().open('#installation')
    expect(useLinkSession.getState()).toMatchObject({ link: null, problem: null })
  })
})
