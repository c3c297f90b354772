/**
 * Issue 8, "Binaries", first bullet: two plain files (an .so, a .pyc, a text file, a PNG renamed .whl) are a
 * one-member comparison instead of NOT_AN_ARCHIVE. The member is the file: named after the artefact, its size
 * and SHA-256 the file's, offset 0. Recognised-but-unread formats and empty files keep their errors.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { collectEvidence } from '../../../src/core/compare/evidence'
import { compareArtifacts, readArtifact, readMemberContent } from '../../../src/core/index'
import { FIXTURES } from '../../fixture-files'
import { blobSource } from './build-archives'

const text = new TextEncoder()
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

describe('a file that is no container', () => {
  it('reads as format "file" with the file as its one member', async () => {
    const bytes = text.encode('just some text, no archive here\n')
    const reading = await readArtifact(blobSource('notes é.txt', bytes))
    expect(reading.error).toBeUndefined()
    expect(reading.format).toBe('file')
    expect(reading.sha256).toBe(sha256(bytes))
    expect(reading.members).toEqual([
      { index: 0, path: 'notes é.txt', nameHex: Buffer.from('notes é.txt').toString('hex'), type: 'file', size: bytes.length, sha256: sha256(bytes), offset: 0, dataOffset: 0, meta: {} },
    ])
  })

  it('a PNG renamed .whl is a plain file too, not a zip', async () => {
    const bytes = new Uint8Array(readFileSync(join(FIXTURES, 'bad/png-renamed.whl')))
    const reading = await readArtifact(blobSource('png-renamed.whl', bytes))
    expect(reading).toMatchObject({ format: 'file', members: [{ path: 'png-renamed.whl', sha256: sha256(bytes), size: bytes.length }] })
  })

  it('readMemberContent of the member returns the file\'s bytes', async () => {
    const bytes = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0xff])
    const source = blobSource('x.so', bytes)
    const reading = await readArtifact(source)
    expect(await readMemberContent(source, reading, 0)).toEqual(bytes)
  })

  it('hands the file\'s bytes to the evidence step (readMembersBytes), as for any member', async () => {
    const bytes = text.encode('a\r\nb\r\n')
    const source = blobSource('notes.txt', bytes)
    const evidence = await collectEvidence(source, await readArtifact(source), [{ index: 0, kinds: ['text', 'strings'] }])
    expect(evidence[0]).toMatchObject({ text: { crlf: 2, lf: 0, bom: false }, strings: [] })
  })

  it('keeps retainMember working for it', async () => {
    const bytes = text.encode('Metadata-Version: 2.1\n')
    const reading = await readArtifact(blobSource('PKG-INFO', bytes), { retainMember: (path) => path === 'PKG-INFO' })
    expect(reading.retained[0]).toEqual(bytes)
  })

  it('past the member limit it is that member\'s LIMIT_EXCEEDED, and the file is still hashed whole', async () => {
    const bytes = text.encode('x'.repeat(200))
    const reading = await readArtifact(blobSource('big.bin', bytes), { limits: { maxMemberBytes: 100 } })
    expect(reading.error).toBeUndefined()
    expect(reading.sha256).toBe(sha256(bytes))
    expect(reading.members[0]).toMatchObject({ sha256: null, error: { code: 'LIMIT_EXCEEDED' } })
  })

  it('a recognised format that is not read stays UNSUPPORTED_FORMAT; an empty file stays EMPTY_FILE', async () => {
    const cpio = await readArtifact(blobSource('x.cpio', text.encode('070701' + '0'.repeat(200))))
    expect(cpio).toMatchObject({ error: { code: 'UNSUPPORTED_FORMAT' }, members: [] })
    const empty = await readArtifact(blobSource('x.so', new Uint8Array(0)))
    expect(empty).toMatchObject({ error: { code: 'EMPTY_FILE' }, members: [] })
  })
})

describe('two plain files', () => {
  it('pair their single members whatever their names, and a difference is a modified member', async () => {
    const report = await compareArtifacts(blobSource('left.py', text.encode('print(1)\n')), blobSource('right.py', text.encode('print(2)\n')))
    expect(report.verdict).toBe('content-differs')
    expect(report.members).toHaveLength(1)
    expect(report.members[0]).toMatchObject({ status: 'modified' })
  })

  it('two byte-identical files are identical', async () => {
    const bytes = text.encode('same\n')
    const report = await compareArtifacts(blobSource('a.pyc', bytes), blobSource('b.pyc', bytes.slice()))
    expect(report.verdict).toBe('identical')
    expect(report.members).toMatchObject([{ status: 'identical' }])
  })

  it('two files past the member limit are never called the same by their members', async () => {
    const report = await compareArtifacts(blobSource('a.bin', text.encode('x'.repeat(200))), blobSource('b.bin', text.encode('y'.repeat(200))), { limits: { maxMemberBytes: 100 } })
    expect(report.verdict).not.toBe('identical')
    expect(report.verdict).not.toBe('metadata-only')
  })
})
