/**
 * Hostile and broken input, end to end through compareArtifacts: every name shown literally (escaped),
 * never merged, and flagged; links never followed; structure oddities reported with offsets; limits named.
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact, type Report } from '../../../src/core/index'
import { blobSource, buildTar, buildZip, gzip, type ZipEntry } from './build-archives'

const causes = (report: Report) => report.findings.map((f) => f.cause)
const find = (report: Report, cause: string) => report.findings.find((f) => f.cause === cause)

async function compareZips(left: ZipEntry[], right: ZipEntry[] = left) {
  return compareArtifacts(blobSource('left.whl', buildZip(left)), blobSource('right.whl', buildZip(right)))
}

describe('hostile names', () => {
  const hostile: ZipEntry[] = [
    { name: 'pkg/ok.py', data: 'ok' },
    { name: '../../etc/cron.d/evil', data: 'x' },
    { name: '/abs/path.py', data: 'x' },
    { name: 'win\\path.py', data: 'x' },
    { name: 'C:/drive.py', data: 'x' },
    { name: 'ctrl\u0000\u001b[31m.py', data: 'x' },
    { name: '<img src=x onerror=alert(1)>.py', data: 'x' },
  ]

  it('flags each unsafe name once, shows it escaped, and keeps the safe ones unflagged', async () => {
    const report = await compareZips(hostile)
    const unsafe = find(report, 'unsafe-path')!
    expect(unsafe.severity).toBe('security')
    const paths = report.members.map((m) => m.path)
    expect(paths).toContain('ctrl\\x00\\x1b[31m.py')
    expect(paths.every((path) => !/[\u0000-\u001f]/.test(path))).toBe(true)
    expect(new Set(unsafe.members)).toEqual(new Set(['../../etc/cron.d/evil', '/abs/path.py', 'win\\\\path.py', 'C:/drive.py', 'ctrl\\x00\\x1b[31m.py']))
    // An HTML-looking name is not unsafe for an extractor; it is only text, which the page never renders as HTML.
    expect(unsafe.members).not.toContain('<img src=x onerror=alert(1)>.py')
  })

  it('keeps both copies of a duplicate name and flags duplicate-name', async () => {
    const report = await compareZips([{ name: 'x.py', data: 'one' }, { name: 'x.py', data: 'two' }])
    expect(report.members.map((m) => [m.path, m.leftPath])).toEqual([['x.py', 'x.py'], ['x.py#2', 'x.py']])
    expect(report.left.memberCount).toBe(2)
    expect(causes(report)).toContain('duplicate-name')
  })

  it('flags names that differ only in case or Unicode normalisation, without merging them', async () => {
    const report = await compareZips([{ name: 'README.txt', data: 'a' }, { name: 'readme.txt', data: 'b' }, { name: 'caf\u00e9.py', data: 'c' }, { name: 'cafe\u0301.py', data: 'd' }])
    expect(report.members.length).toBe(4)
    const collision = find(report, 'case-collision')!
    expect(collision.members).toEqual(expect.arrayContaining(['README.txt', 'readme.txt', 'caf\u00e9.py', 'cafe\u0301.py']))
  })

  it('reads non-ASCII names without the UTF-8 flag as CP437 and flags name-encoding; invalid UTF-8 is escaped', async () => {
    const cp437 = new Uint8Array([0x63, 0x61, 0x66, 0x82, 0x2e, 0x70, 0x79]) // "caf\x82.py": é in CP437
    const invalid = new Uint8Array([0x62, 0xff, 0xfe, 0x2e, 0x70, 0x79])
    const report = await compareZips([{ name: cp437, data: 'a', flags: 0 }, { name: invalid, data: 'b', flags: 0x800 }])
    expect(report.members.map((m) => m.path).sort()).toEqual(['b\\xff\\xfe.py', 'café.py'])
    expect(find(report, 'name-encoding')!.members.length).toBe(2)
  })
})

describe('links', () => {
  it('shows link targets as text and flags those that leave the archive', async () => {
    const tar = gzip(buildTar([
      { name: 'pkg/', type: '5' },
      { name: 'pkg/inside', type: '2', linkname: '../pkg/other' },
      { name: 'pkg/up', type: '2', linkname: '../../etc/passwd' },
      { name: 'pkg/abs', type: '2', linkname: '/etc/shadow' },
      { name: 'pkg/hard', type: '1', linkname: '../outside' },
    ]))
    const report = await compareArtifacts(blobSource('a.tar.gz', tar), blobSource('b.tar.gz', tar.slice()))
    expect(report.members.find((m) => m.path === 'pkg/up')!.left!.linkTarget).toBe('../../etc/passwd')
    const outside = report.findings.filter((f) => f.cause === 'link-outside')
    expect(outside.length).toBe(2) // one per side: the artefacts are identical
    expect(new Set(outside[0].members)).toEqual(new Set(['pkg/up', 'pkg/abs', 'pkg/hard']))
  })
})

describe('structure', () => {
  it('reports bytes before and after a zip, with offsets, and still reads it', async () => {
    const zip = buildZip([{ name: 'a.py', data: 'a' }], { prefix: new Uint8Array(100).fill(0x4d), trailing: new Uint8Array([1, 2, 3]) })
    const reading = await readArtifact(blobSource('x.whl', zip))
    expect(reading.format).toBe('zip')
    expect(reading.anomalies.map((a) => [a.code, a.offset])).toEqual([['ARCHIVE_PREFIX_BYTES', 0], ['ARCHIVE_TRAILING_BYTES', zip.length - 3]])
    expect(reading.members[0].sha256).not.toBeNull()
  })

  it('reports central directory entries that overlap (two entries, one local header)', async () => {
    const reading = await readArtifact(blobSource('x.whl', buildZip([{ name: 'a.py', data: 'aaaa' }, { name: 'b.py', data: 'b' }], { repeatCentral: [0] })))
    expect(reading.anomalies.map((a) => a.code)).toContain('OVERLAPPING_ENTRIES')
  })

  it('reports a local header that disagrees with the central directory', async () => {
    const report = await compareZips([{ name: 'a.py', data: 'a', centralName: 'b.py' }])
    expect(causes(report)).toContain('zip-header-mismatch')
  })

  it('reports a zip64 end record that disagrees with the classic one, and reads with the zip64 values', async () => {
    const zip = buildZip([{ name: 'a.py', data: 'a' }, { name: 'b.py', data: 'b' }])
    const end = zip.length - 22
    const view = new DataView(zip.buffer)
    const directorySize = view.getUint32(end + 12, true)
    const directoryOffset = view.getUint32(end + 16, true)
    // APPNOTE 4.3.14 zip64 end record and 4.3.15 locator, inserted before the classic end record.
    const record = new DataView(new ArrayBuffer(56 + 20))
    record.setUint32(0, 0x06064b50, true)
    record.setBigUint64(4, 44n, true)
    record.setBigUint64(24, 2n, true)
    record.setBigUint64(32, 2n, true)
    record.setBigUint64(40, BigInt(directorySize), true)
    record.setBigUint64(48, BigInt(directoryOffset), true)
    record.setUint32(56, 0x07064b50, true)
    record.setBigUint64(64, BigInt(end), true)
    record.setUint32(72, 1, true)
    const classic = zip.slice(end)
    new DataView(classic.buffer).setUint16(10, 3, true) // the classic record claims 3 entries, not 0xFFFF
    const bytes = new Uint8Array(end + 76 + 22)
    bytes.set(zip.subarray(0, end))
    bytes.set(new Uint8Array(record.buffer), end)
    bytes.set(classic, end + 76)
    const reading = await readArtifact(blobSource('x.whl', bytes))
    expect(reading.error).toBeUndefined()
    expect(reading.fields['zip.zip64']).toBe(true)
    expect(reading.anomalies.find((a) => a.code === 'ZIP64_INCONSISTENT')?.message).toMatch(/disagree on entriesTotal/)
    expect(reading.members.map((m) => m.path)).toEqual(['a.py', 'b.py'])
  })

  it('names an encrypted member as unreadable and reads the others', async () => {
    const reading = await readArtifact(blobSource('x.whl', buildZip([{ name: 'secret.py', data: 'x', flags: 0x801 }, { name: 'open.py', data: 'y' }])))
    expect(reading.members[0].error).toMatchObject({ code: 'UNSUPPORTED_METHOD', message: 'secret.py is encrypted' })
    expect(reading.members[1].sha256).not.toBeNull()
  })

  it('reads a tar.gz with junk after the gzip data, and reports the junk', async () => {
    const bytes = gzip(buildTar([{ name: 'a', data: 'hello' }]))
    const reading = await readArtifact(blobSource('x.tar.gz', new Uint8Array([...bytes, 1, 2, 3, 4, 5])))
    expect(reading.error).toBeUndefined()
    expect(reading.members.map((m) => m.path)).toEqual(['a'])
    expect(reading.anomalies.map((a) => a.code)).toEqual(['ARCHIVE_TRAILING_BYTES'])
  })

  it('keeps the members decoded before a gzip stream is cut, and says it is cut', async () => {
    const noise = Uint8Array.from({ length: 40_000 }, (_, i) => (i * 2654435761) >>> 24)
    const bytes = gzip(buildTar([{ name: 'first', data: 'one' }, { name: 'second', data: noise }]))
    const reading = await readArtifact(blobSource('x.tar.gz', bytes.slice(0, Math.floor(bytes.length * 0.7))))
    expect(reading.error?.code).toBe('TRUNCATED')
    expect(reading.members[0].path).toBe('first')
    expect(reading.members[0].error).toBeUndefined()
    expect(reading.members[1].error?.message).toMatch(/^Not read/)
    expect(reading.members[0].sha256).not.toBeNull()
  })

  it('reports non-zero data after the tar end marker', async () => {
    const reading = await readArtifact(blobSource('x.tar', buildTar([{ name: 'a', data: 'a' }], new Uint8Array([0, 0, 7]))))
    expect(reading.anomalies.map((a) => [a.code, a.offset])).toEqual([['ARCHIVE_TRAILING_BYTES', 2048 + 2]])
  })

  it('lists the members before the cut of a truncated zip, marked, and says so', async () => {
    const zip = buildZip([{ name: 'a.py', data: 'a'.repeat(50) }, { name: 'b.py', data: 'b'.repeat(50) }, { name: 'c.py', data: 'c'.repeat(50) }])
    const reading = await readArtifact(blobSource('cut.whl', zip.slice(0, 150)))
    expect(reading.error?.code).toBe('TRUNCATED')
    expect(reading.error?.message).toMatch(/2 members before the cut are listed/)
    expect(reading.members.map((m) => [m.path, m.anomalies?.[0].code])).toEqual([['a.py', 'READ_FROM_LOCAL_HEADER'], ['b.py', 'READ_FROM_LOCAL_HEADER']])
    expect(reading.members[0].sha256).not.toBeNull()
  })
})

describe('limits', () => {
  const zeros = new Uint8Array(4 * 1024 * 1024)

  it('names the ratio limit, and reads the other members', async () => {
    const zip = buildZip([{ name: 'bomb.bin', data: zeros, deflate: true }, { name: 'ok.py', data: 'ok' }])
    const reading = await readArtifact(blobSource('x.whl', zip), { limits: { maxRatio: 100 } })
    expect(reading.members[0].error?.message).toMatch(/^bomb\.bin expands \d+:1 .* past the 100:1 ratio limit$/)
    expect(reading.members[1].sha256).not.toBeNull()
  })

  it('names the member-size limit with the ratio', async () => {
    const reading = await readArtifact(blobSource('x.whl', buildZip([{ name: 'x.bin', data: zeros, deflate: true }])), { limits: { maxMemberBytes: 1024 * 1024 } })
    expect(reading.members[0].error?.message).toMatch(/^x\.bin expands to 4\.0 MiB, past the 1\.0 MiB member limit \(ratio \d+:1\)$/)
  })

  it('stops a gzip stream that inflates past the ratio limit, naming it', async () => {
    const reading = await readArtifact(blobSource('bomb.tar.gz', gzip(buildTar([{ name: 'zeros', data: zeros }]))), { limits: { maxRatio: 50 } })
    expect(reading.error).toMatchObject({ code: 'LIMIT_EXCEEDED' })
    expect(reading.error?.message).toMatch(/past the 50:1 ratio limit/)
  })

  it('names the member-count and total-size limits', async () => {
    const many = buildZip(Array.from({ length: 5 }, (_, i) => ({ name: `m${i}`, data: 'x' })))
    expect((await readArtifact(blobSource('x.whl', many), { limits: { maxMembers: 3 } })).error?.message).toMatch(/more than 3 members \(the member-count limit\)/)
    const total = await readArtifact(blobSource('x.whl', buildZip([{ name: 'a', data: zeros }, { name: 'b', data: zeros }])), { limits: { maxTotalBytes: 5 * 1024 * 1024 } })
    expect(total.error?.message).toMatch(/expands past the 5\.0 MiB total limit at b/)
  })

  it('hashes members above the streaming threshold in chunks, to the same SHA-256', async () => {
    const data = Uint8Array.from({ length: 3 * 1024 * 1024 }, (_, i) => (i * 7919) & 0xff)
    const zip = buildZip([{ name: 'big.bin', data, deflate: true }, { name: 'raw.bin', data }])
    const tar = gzip(buildTar([{ name: 'big.bin', data }]))
    for (const [name, bytes] of [['x.whl', zip], ['x.tar.gz', tar]] as const) {
      const whole = await readArtifact(blobSource(name, bytes))
      const streamed = await readArtifact(blobSource(name, bytes), { streamHashThreshold: 1024 })
      expect(streamed.members.map((m) => m.sha256)).toEqual(whole.members.map((m) => m.sha256))
      expect(streamed.members.every((m) => m.sha256 && !m.error)).toBe(true)
    }
  })
})
