/** Issue 8, nested archives, items 2–5: nested members in the report, the verdict over them, pairing, causes. */
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { compareArtifacts, compareReadings, type ArtifactReading, type Member } from '../../../src/core/index'
import { evidenceRequests } from '../../../src/core/compare/evidence'
import { blobSource, buildTar, buildZip } from '../archive/build-archives'
import { npmTarball, wheel } from '../archive/nested-builders'

const LEFT_WHEEL = 'x-0.8.5-py3-none-any.whl'
const RIGHT_WHEEL = 'x-0.8.6-py3-none-any.whl'

/** Two npm-like tarballs whose wheels (0.8.5, 0.8.6) differ only in their members' timestamps. */
async function timestampOnlyPair() {
  const left = blobSource('x-0.8.5.tgz', npmTarball(LEFT_WHEEL, wheel('0.8.5', 1_600_000_000), 1_600_000_000))
  const right = blobSource('x-0.8.6.tgz', npmTarball(RIGHT_WHEEL, wheel('0.8.6', 1_700_000_000), 1_700_000_000))
  return compareArtifacts(left, right)
}

describe('nested members in the report', () => {
  it('lists a wheel\'s members after it, with `!/` paths, container, the other side\'s container and depth', async () => {
    const report = await timestampOnlyPair()
    const container = `package/pypi/${LEFT_WHEEL}`
    const inner = report.members.find((member) => member.path === `${container}!/x/__init__.py`)
    expect(inner).toMatchObject({
      leftPath: `${container}!/x/__init__.py`,
      rightPath: `package/pypi/${RIGHT_WHEEL}!/x/__init__.py`,
      container,
      leftContainer: container,
      rightContainer: `package/pypi/${RIGHT_WHEEL}`,
      depth: 1,
      status: 'metadata',
      left: { containerIndexes: [1] },
    })
    const paths = report.members.map((member) => member.path)
    expect(paths).toEqual(['package/package.json', container, `${container}!/x-0.8.5.dist-info/WHEEL`, `${container}!/x/__init__.py`])
    expect(report.counts.metadata).toBe(report.members.length)
    expect(report.members.length).toBe(4)
  })

  it('calls two npm tarballs whose wheels differ only in timestamps "same contents" (metadata-only)', async () => {
    const report = await timestampOnlyPair()
    expect(report.verdict).toBe('metadata-only')
    const container = report.members.find((member) => member.path === `package/pypi/${LEFT_WHEEL}`)!
    expect(container).toMatchObject({ status: 'metadata', rightPath: `package/pypi/${RIGHT_WHEEL}` })
    expect(container.changed).toContain('content (container)')
    expect(container.unread).toBeUndefined()
  })

  it('explains the nested timestamps with the timestamps cause, naming nested members', async () => {
    const report = await timestampOnlyPair()
    const timestamps = report.findings.find((finding) => finding.cause === 'timestamps')
    expect(timestamps?.members).toContain(`package/pypi/${LEFT_WHEEL}!/x/__init__.py`)
    expect(report.findings.some((finding) => finding.cause === 'content')).toBe(false)
  })

  it('marks a container modified when a member inside differs, and lists that member modified', async () => {
    const left = blobSource('l.zip', buildZip([{ name: 'w.whl', data: wheel('1', 1_600_000_000) }]))
    const right = blobSource('r.zip', buildZip([{ name: 'w.whl', data: wheel('1', 1_600_000_000, { 'x/__init__.py': 'VALUE = 2\n' }) }]))
    const report = await compareArtifacts(left, right)
    expect(report.members.find((member) => member.path === 'w.whl')?.status).toBe('modified')
    expect(report.members.find((member) => member.path === 'w.whl!/x/__init__.py')?.status).toBe('modified')
    expect(report.verdict).toBe('content-differs')
    // The evidence step skips nested members (their index is their container's): only the container is asked for.
    expect(evidenceRequests(report, 'left').map((request) => request.index)).toEqual([0])
  })

  it('marks a container that could not be read inside modified and unread', async () => {
    const broken = new Uint8Array(200).fill(0x41)
    broken.set([0x50, 0x4b, 0x03, 0x04])
    const otherBroken = broken.slice()
    otherBroken[100] = 0x42
    const report = await compareArtifacts(blobSource('l.zip', buildZip([{ name: 'b.whl', data: broken }])), blobSource('r.zip', buildZip([{ name: 'b.whl', data: otherBroken }])))
    const container = report.members.find((member) => member.path === 'b.whl')!
    expect(container).toMatchObject({ status: 'modified', unread: true, left: { unread: true } })
    expect(container.left?.error).toBeDefined()
    expect(report.verdict).toBe('content-differs')
  })

  it('names a difference inside a container outside its members (bytes after the inner zip) under the container', async () => {
    const inner = (trailing: string) => buildZip([{ name: 'a.txt', data: 'same' }], { trailing: new TextEncoder().encode(trailing) })
    const report = await compareArtifacts(blobSource('l.zip', buildZip([{ name: 'w.zip', data: inner('junk-left') }])), blobSource('r.zip', buildZip([{ name: 'w.zip', data: inner('junk-right') }])))
    expect(report.members.find((member) => member.path === 'w.zip')?.status).toBe('metadata')
    expect(report.archive.map((difference) => difference.field)).toContain('w.zip!/outsideBytes.sha256')
    expect(report.verdict).toBe('metadata-only')
    expect(report.left.anomalies.find((anomaly) => anomaly.code === 'ARCHIVE_TRAILING_BYTES')?.message).toMatch(/^Inside w\.zip /)
    expect(report.findings.find((finding) => finding.cause === 'archive-structure')).toBeDefined()
  })

  it('verifies a nested wheel\'s RECORD and reports a lie as a security finding naming the container', async () => {
    const lying = zipSync({
      'x/__init__.py': new TextEncoder().encode('VALUE = 1\n'),
      'x-1.dist-info/RECORD': new TextEncoder().encode('x/__init__.py,sha256=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA,10\nx-1.dist-info/RECORD,,\n'),
    }, { mtime: new Date(1_600_000_000_000) })
    // The same wheel on both sides: opened only when asked (by default it is left closed, compare/same-bytes.ts).
    const report = await compareArtifacts(blobSource('l.zip', buildZip([{ name: 'p/x-1-py3-none-any.whl', data: lying }])), blobSource('r.zip', buildZip([{ name: 'p/x-1-py3-none-any.whl', data: lying }, { name: 'extra', data: '' }])), { openSameBytes: true })
    const anomaly = report.left.anomalies.find((found) => found.code === 'RECORD_MISMATCH')
    expect(anomaly?.message).toMatch(/p\/x-1-py3-none-any\.whl is not what its RECORD .* 1 hash mismatches \(x\/__init__\.py\)/)
    expect(report.findings.find((finding) => finding.cause === 'archive-structure')?.severity).toBe('security')
  })

  it('flags a nested archive that parses as two containers (a tar with a zip behind it)', async () => {
    const tarThenZip = new Uint8Array([...buildTar([{ name: 'a.txt', data: 'tar side' }]), ...buildZip([{ name: 'a.txt', data: 'zip side' }])])
    const report = await compareArtifacts(blobSource('l.zip', buildZip([{ name: 'p/x-1-py3-none-any.whl', data: tarThenZip }])), blobSource('r.zip', buildZip([{ name: 'other', data: '' }])))
    expect(report.left.anomalies.find((anomaly) => anomaly.code === 'AMBIGUOUS_FORMAT')?.message).toMatch(/^Inside p\/x-1-py3-none-any\.whl: the bytes parse as 2 containers/)
  })

  it('keeps a container with the same bytes identical even when it cannot be read inside', async () => {
    const broken = new Uint8Array(200).fill(0x41)
    broken.set([0x50, 0x4b, 0x03, 0x04])
    const report = await compareArtifacts(blobSource('l.zip', buildZip([{ name: 'b.zip', data: broken }, { name: 'a', data: '1' }])), blobSource('r.zip', buildZip([{ name: 'b.zip', data: broken }, { name: 'a', data: '2' }])))
    expect(report.members.find((member) => member.path === 'b.zip')).toMatchObject({ status: 'identical', left: { sha256: expect.any(String) } })
    expect(report.members.find((member) => member.path === 'b.zip')?.left?.error).toBeUndefined()
    expect(report.findings.filter((finding) => finding.severity === 'security')).toEqual([])
  })

  it('lists the members of a one-sided container as one-sided', async () => {
    const report = await compareArtifacts(blobSource('l.zip', buildZip([{ name: 'w.whl', data: wheel('1', 1_600_000_000) }])), blobSource('r.zip', buildZip([{ name: 'other.txt', data: 'x' }])))
    expect(report.members.filter((member) => member.container === 'w.whl').map((member) => member.status)).toEqual(['left-only', 'left-only'])
    expect(report.counts['left-only']).toBe(3)
  })

  it('chains `!/` over two levels with depth 2', async () => {
    const innerZip = zipSync({ 'deep.txt': new TextEncoder().encode('a') }, { mtime: new Date(1_600_000_000_000) })
    const middle = (mtime: number) => zipSync({ 'inner.zip': [innerZip, { level: 0, mtime: new Date(mtime) }] })
    const report = await compareArtifacts(blobSource('l.zip', buildZip([{ name: 'm.zip', data: middle(1_600_000_000_000) }])), blobSource('r.zip', buildZip([{ name: 'm.zip', data: middle(1_700_000_000_000) }])))
    const deep = report.members.find((member) => member.path === 'm.zip!/inner.zip!/deep.txt')
    expect(deep).toMatchObject({ container: 'm.zip!/inner.zip', depth: 2, status: 'identical', left: { containerIndexes: [0, 0] } })
    expect(report.members.find((member) => member.path === 'm.zip')).toMatchObject({ status: 'metadata', changed: ['content (container)'] })
    expect(report.verdict).toBe('metadata-only')
  })
})

describe('pairing containers', () => {
  const member = (index: number, path: string, sha256 = 'aa'.repeat(32)): Member => ({ index, path, type: 'file', size: 1, sha256, offset: 0, meta: {} })
  const reading = (members: Member[]): ArtifactReading => ({ name: 'n', size: 1, sha256: null, format: 'tar', fields: {}, members, retained: {}, anomalies: [] })

  it('pairs one wheel of a distribution per directory across a version rename', () => {
    const report = compareReadings(reading([member(0, 'p/x-0.8.5-py3-none-any.whl')]), reading([member(0, 'p/x-0.8.6-py3-none-any.whl')]))
    expect(report.members).toHaveLength(1)
    expect(report.members[0]).toMatchObject({ leftPath: 'p/x-0.8.5-py3-none-any.whl', rightPath: 'p/x-0.8.6-py3-none-any.whl' })
  })

  it('keeps two wheels of one distribution apart by name', () => {
    const left = reading([member(0, 'p/x-0.8.5-py3-none-any.whl'), member(1, 'p/x-0.8.4-py3-none-any.whl')])
    const report = compareReadings(left, reading([member(0, 'p/x-0.8.6-py3-none-any.whl')]))
    expect(report.members).toHaveLength(3)
  })

  it('escapes a literal `!/` in a stored name as `!\\/`, so it never reads as a nested path', () => {
    const report = compareReadings(reading([member(0, 'a.whl!/x')]), reading([member(0, 'a.whl!/x')]))
    expect(report.members[0]).toMatchObject({ path: 'a.whl!\\/x', leftPath: 'a.whl!\\/x' })
  })
})
