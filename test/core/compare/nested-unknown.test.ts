/**
 * Brief Q: what the report says about a nested zip that is cut short is true. Fields a side does not have are
 * unknown, not changed (item 1); root stripping is decided for the pair (item 2); the inside of a container that
 * could not be read is not presented as one-sided, nor its missing archive fields as differences (item 3).
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, type ArtifactReading, type Report } from '../../../src/core/index'
import { knownInside } from '../../../src/core/compare/nested-members'
import { blobSource, buildTar, buildZip } from '../archive/build-archives'

const WHEEL_TEXT = 'Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n'
/** A wheel as Python's zipfile writes it: created on Unix (version made by 0x031e), mode 0644. */
const B_WHEEL = buildZip([{ name: 'b/__init__.py', data: 'B = 1\n' }, { name: 'b-1.0.dist-info/WHEEL', data: WHEEL_TEXT }])
/** Where the second local header starts: a cut here leaves exactly one whole member, `b/__init__.py`. */
const SECOND_HEADER = 30 + 'b/__init__.py'.length + 'B = 1\n'.length

/** Two tars holding a.whl (one module differs) and b.whl, the right b.whl cut after `cut` bytes. */
async function cutSibling(cut: number): Promise<Report> {
  const aWheel = (value: number) => buildZip([{ name: 'a/__init__.py', data: `A = ${value}\n` }, { name: 'a-1.0.dist-info/WHEEL', data: WHEEL_TEXT }])
  const tar = (value: number, b: Uint8Array) => buildTar([{ name: 'a.whl', data: aWheel(value) }, { name: 'b.whl', data: b }])
  return compareArtifacts(blobSource('left.tar', tar(1, B_WHEEL)), blobSource('right.tar', tar(2, B_WHEEL.slice(0, cut))))
}

const byPath = (report: Report, path: string) => report.members.find((member) => member.path === path)
const causes = (report: Report) => report.findings.map((finding) => finding.cause)

describe('a cut nested zip: unknown is not different (item 1)', () => {
  it('does not list the creator and mode of members listed from local headers as changed', async () => {
    const report = await cutSibling(Math.floor(B_WHEEL.length * 0.6))
    for (const path of ['b.whl!/b/__init__.py', 'b.whl!/b-1.0.dist-info/WHEEL']) {
      const member = byPath(report, path)!
      expect(member, path).toMatchObject({ status: 'identical', changed: [] })
      // The report says which fields were not compared, and the side says why (its listing came from local headers).
      expect(member.unknown).toEqual(expect.arrayContaining(['mode', 'creatorSystem', 'creatorVersion']))
      expect(member.right!.anomalies!.map((anomaly) => anomaly.code)).toContain('READ_FROM_LOCAL_HEADER')
      // A local header has no external attributes or creator: the side does not claim a value for them.
      expect(member.right!.creatorSystem).toBeUndefined()
      expect(member.right!.mode).toBeUndefined()
      expect(member.left!.mode).toBe(0o100644)
    }
    expect(causes(report)).not.toContain('permissions')
    expect(causes(report)).not.toContain('archive-writer')
    // The container itself stays modified and unread: what came after the cut is unknown.
    expect(byPath(report, 'b.whl')).toMatchObject({ status: 'modified', unread: true })
  })

  it('behaves the same at the top level (a cut wheel against the whole one)', async () => {
    const report = await compareArtifacts(blobSource('b-1.0-py3-none-any.whl', B_WHEEL), blobSource('b-1.0-py3-none-any.whl', B_WHEEL.slice(0, Math.floor(B_WHEEL.length * 0.6))))
    expect(report.verdict).toBe('error')
    for (const member of report.members) {
      expect(member.changed, member.path).toEqual([])
      expect(member.unknown).toEqual(expect.arrayContaining(['mode', 'creatorSystem', 'creatorVersion']))
    }
  })
})

describe('a cut nested zip: no bogus renames (item 2)', () => {
  it('pairs the one member left before the cut with its counterpart instead of inventing a rename', async () => {
    const report = await cutSibling(SECOND_HEADER)
    const inner = report.members.filter((member) => member.container === 'b.whl')
    expect(inner.map((member) => member.path)).toEqual(['b.whl!/b/__init__.py'])
    expect(inner[0]).toMatchObject({ status: 'identical', leftPath: 'b.whl!/b/__init__.py', rightPath: 'b.whl!/b/__init__.py' })
    expect(report.members.some((member) => member.renamedTo !== undefined || member.renamedFrom !== undefined)).toBe(false)
    expect(report.members.some((member) => member.path.includes('#2'))).toBe(false)
  })
})

describe('a nested reading that failed (item 3)', () => {
  it('does not list the other side\'s inner members as one-sided, and says once on the container that they were not compared', async () => {
    const report = await cutSibling(20)
    expect(report.members.filter((member) => member.container === 'b.whl')).toEqual([])
    expect(byPath(report, 'b.whl')).toMatchObject({ status: 'modified', unread: true, notComparedInside: { left: 2, right: 0 } })
    expect(report.counts['left-only']).toBe(0)
    // The cut side has no zip fields: they are unknown, not "false → none".
    expect(report.archive.filter((difference) => difference.field.startsWith('b.whl!/'))).toEqual([])
  })

  it('keeps the members the cut side did list, and no one-sided entry for those it may have lost', async () => {
    const report = await cutSibling(SECOND_HEADER + 30 + 'b-1.0.dist-info/WHEEL'.length + 5)
    // The right lists WHEEL from its local header, its data cut: paired, modified and unread, never left-only.
    expect(byPath(report, 'b.whl!/b-1.0.dist-info/WHEEL')).toMatchObject({ status: 'modified', unread: true, changed: [] })
    expect(byPath(report, 'b.whl!/b/__init__.py')).toMatchObject({ status: 'identical' })
    expect(byPath(report, 'b.whl')!.notComparedInside).toBeUndefined()
  })

  it('still lists the members of a one-sided container as one-sided (the other side has no container at all)', async () => {
    const left = buildTar([{ name: 'b.whl', data: B_WHEEL.slice(0, Math.floor(B_WHEEL.length * 0.6)) }])
    const right = buildTar([{ name: 'other.txt', data: 'x' }])
    const report = await compareArtifacts(blobSource('l.tar', left), blobSource('r.tar', right))
    expect(byPath(report, 'b.whl')?.status).toBe('left-only')
    expect(report.members.filter((member) => member.container === 'b.whl').map((member) => member.status)).toEqual(['left-only', 'left-only'])
  })
})

describe('knownInside', () => {
  const reading = (fields: ArtifactReading['fields'], error?: ArtifactReading['error']): ArtifactReading => ({ name: 'b.whl', size: 1, sha256: null, format: 'zip', fields, members: [], retained: {}, anomalies: [], ...(error ? { error } : {}) })

  it('drops only the archive fields the stopped side lacks; format, order and fields both sides have stay', () => {
    const archive = [
      { field: 'format', left: 'zip', right: 'tar' },
      { field: 'order', left: '2 shared members', right: '1 of them in another position' },
      { field: 'zip.comment', left: 'a', right: 'b' },
      { field: 'zip.zip64', left: false, right: null },
    ]
    const left = reading({ 'zip.comment': 'a', 'zip.zip64': false })
    const right = reading({ 'zip.comment': 'b' }, { code: 'TRUNCATED', message: 'cut' })
    const { level, notCompared } = knownInside({ pairs: [], members: [], archive }, left, right)
    expect(level.archive.map((difference) => difference.field)).toEqual(['format', 'order', 'zip.comment'])
    expect(notCompared).toBeNull()
    // Two readings read in full: nothing is unknown, the level is returned as it is.
    expect(knownInside({ pairs: [], members: [], archive }, left, reading({})).level.archive).toHaveLength(4)
  })
})
