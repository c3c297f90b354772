/**
 * Zip members stored with method 12 (bzip2), 14 (LZMA), 93 (Zstandard) and 95 (xz): read, checked and hashed
 * like deflate members, under the same limits. Methods 12 and 14 come from Python's zipfile (it writes them
 * natively, `zip_methods` in make-fixtures.py) and are checked against what zipfile itself reads; 93 and 95 are written here from the committed
 * compressor fixtures.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import { buildZip } from './build-archives'
import { FIXTURES, bytesSource } from '../../fixture-files'

const COMPRESSORS = join(FIXTURES, 'compressors')
const fixture = (name: string) => new Uint8Array(readFileSync(join(COMPRESSORS, name)))
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

interface MethodEntry {
  name: string
  method: number
  /** The member's data as stored. */
  stored: Uint8Array
  /** The uncompressed bytes (for the CRC-32 and the declared size). */
  data: Uint8Array
  flags?: number
  declaredSize?: number
  crc?: number
}

/** A zip whose members use any method: buildZip with the compressed bytes given (APPNOTE 4.3.7, 4.3.12, 4.3.16). */
const writeZip = (entries: MethodEntry[]) => buildZip(entries.map((entry) => ({ ...entry, flags: (entry.flags ?? 0) | 0x800 })))

/**
 * A zip that Python's zipfile wrote with method 12 or 14 (`zip_methods` in test/fixtures/make-fixtures.py),
 * and the SHA-256 of each member as zipfile itself reads it back.
 */
function pythonZip(name: 'bzip2' | 'lzma'): { bytes: Uint8Array<ArrayBuffer>; theirs: Record<string, string> } {
  const path = join(COMPRESSORS, `methods-${name}.zip`)
  const script = 'import hashlib, json, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1]) as z:\n    print(json.dumps({i.filename: hashlib.sha256(z.read(i)).hexdigest() for i in z.infolist()}))'
  const theirs = JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as Record<string, string>
  return { bytes: new Uint8Array(readFileSync(path)), theirs }
}

async function read(bytes: Uint8Array, options: Parameters<typeof readArtifact>[1] = {}) {
  return readArtifact(bytesSource('methods.zip', bytes), options)
}

describe('zip methods 12 and 14 read like Python zipfile reads them', () => {
  for (const name of ['bzip2', 'lzma'] as const) {
    for (const streamHashThreshold of [undefined, 1]) {
      it(`${name}${streamHashThreshold ? ', hashed while it decodes' : ''}`, async () => {
        const { bytes, theirs } = pythonZip(name)
        expect(Object.keys(theirs)).toHaveLength(4)
        const reading = await read(bytes, streamHashThreshold ? { streamHashThreshold } : {})
        expect(reading.error).toBeUndefined()
        expect(reading.members.map((m) => m.error)).toEqual(reading.members.map(() => undefined))
        expect(reading.members.map((m) => m.meta.compression)).toEqual(reading.members.map(() => name))
        expect(Object.fromEntries(reading.members.map((m) => [m.path, m.sha256]))).toEqual(theirs)
        // zipfile writes LZMA with the end-of-stream marker (flag bit 1), so that ending is the one read here.
        if (name === 'lzma') expect(reading.members.map((m) => Number(m.meta.flags) & 2)).toEqual([2, 2, 2, 2])
      })
    }
  }
})

describe('zip methods 93 (Zstandard) and 95 (xz)', () => {
  const cases = [
    { method: 93, name: 'zstd', suffix: 'zst' },
    { method: 95, name: 'xz', suffix: 'xz' },
  ]
  for (const { method, name, suffix } of cases) {
    for (const streamHashThreshold of [undefined, 1]) {
      it(`${name}${streamHashThreshold ? ', hashed while it decodes' : ''}`, async () => {
        const entries = ['single.json', 'members.tar'].map((file) => ({ name: file, method, stored: fixture(`${file}.${suffix}`), data: fixture(file) }))
        const reading = await read(writeZip(entries), streamHashThreshold ? { streamHashThreshold } : {})
        expect(reading.error).toBeUndefined()
        for (const [i, member] of reading.members.entries()) {
          expect(member.error).toBeUndefined()
          expect(member.meta.compression).toBe(name)
          expect(member.sha256).toBe(sha256(entries[i].data))
        }
      })
    }
  }
})

describe('checks and limits apply to every method', () => {
  const json = fixture('single.json')
  const stored = { 12: fixture('single.json.bz2'), 93: fixture('single.json.zst'), 95: fixture('single.json.xz') }
  for (const [method, bytes] of Object.entries(stored)) {
    it(`method ${method}: a wrong CRC-32 is CRC_MISMATCH, the hash is still of the data`, async () => {
      const reading = await read(writeZip([{ name: 'a.json', method: Number(method), stored: bytes, data: json, crc: 0x12345678 }]))
      expect(reading.members[0].error?.code).toBe('CRC_MISMATCH')
      expect(reading.members[0].sha256).toBe(sha256(json))
    })
    it(`method ${method}: data past the declared size is CORRUPT_STRUCTURE`, async () => {
      const reading = await read(writeZip([{ name: 'a.json', method: Number(method), stored: bytes, data: json, declaredSize: 100 }]))
      expect(reading.members[0].error?.code).toBe('CORRUPT_STRUCTURE')
      expect(reading.members[0].sha256).toBeNull()
    })
    it(`method ${method}: cut data is an error, never a hash`, async () => {
      const reading = await read(writeZip([{ name: 'a.json', method: Number(method), stored: bytes.subarray(0, bytes.length - 8), data: json }]))
      expect(reading.members[0].error?.code).toMatch(/TRUNCATED|DECOMPRESSION_FAILED|CORRUPT_STRUCTURE/)
      expect(reading.members[0].sha256).toBeNull()
    })
  }

  const GiB = 1024 ** 3
  for (const [method, file] of [[12, 'zeros.bz2'], [95, 'zeros.xz'], [93, 'zeros.zst']] as const) {
    it(`method ${method}: a bomb declaring 1 GiB stops with LIMIT_EXCEEDED before decoding`, async () => {
      const started = Date.now()
      const reading = await read(writeZip([{ name: 'zeros', method, stored: fixture(file), data: new Uint8Array(0), declaredSize: GiB }]))
      expect(reading.members[0].error?.code).toBe('LIMIT_EXCEEDED')
      expect(reading.members[0].sha256).toBeNull()
      expect(Date.now() - started).toBeLessThan(5000)
    })
    it(`method ${method}: a bomb declaring 10 bytes stops at them, within a block`, async () => {
      const started = Date.now()
      const reading = await read(writeZip([{ name: 'zeros', method, stored: fixture(file), data: new Uint8Array(10) }]))
      expect(reading.members[0].error?.code).toBe('CORRUPT_STRUCTURE')
      expect(reading.members[0].sha256).toBeNull()
      expect(Date.now() - started).toBeLessThan(5000)
    })
  }

  it('an unknown method is still UNSUPPORTED_METHOD, unread', async () => {
    const reading = await read(writeZip([{ name: 'a.json', method: 97, stored: json, data: json }, { name: 'b.json', method: 0, stored: json, data: json }]))
    expect(reading.members[0].error?.code).toBe('UNSUPPORTED_METHOD')
    expect(reading.members[0].sha256).toBeNull()
    expect(reading.members[1].sha256).toBe(sha256(json))
  })
})

/**
 * Raw LZMA1 made by Python's lzma (FORMAT_RAW, as zipfile does) with chosen properties, behind the APPNOTE 5.8.8
 * header: a 4 KiB dictionary makes the output wrap the decoder's window many times.
 */
function pythonLzma(data: string, filter: string): Uint8Array {
  const script = `
import lzma, random, sys
random.seed(3)
data = eval(sys.argv[1])
f = dict(id=lzma.FILTER_LZMA1, ${filter})
props = lzma._encode_filter_properties(f)
body = lzma.compress(data, format=lzma.FORMAT_RAW, filters=[f])
sys.stdout.buffer.write(bytes([9, 20]) + len(props).to_bytes(2, 'little') + props + body)
`
  return new Uint8Array(execFileSync('python3', ['-c', script, data], { maxBuffer: 256 * 1024 * 1024 }))
}

const pythonBytes = (expression: string) => new Uint8Array(execFileSync('python3', ['-c', `import sys, random; random.seed(3); sys.stdout.buffer.write(${expression})`], { maxBuffer: 256 * 1024 * 1024 }))

describe('method 14: raw LZMA1 as the LZMA SDK specifies it', () => {
  const textExpression = "b''.join(b'%d:%s\\n' % (i, b'abcdefgh'[i % 8:] * (i % 13)) for i in range(40000)) + bytes(random.getrandbits(8) for _ in range(20000))"
  const data = pythonBytes(textExpression)
  for (const filter of ["dict_size=4096, lc=3, lp=0, pb=2", "dict_size=4096, lc=0, lp=2, pb=0", "dict_size=65536, lc=4, lp=0, pb=4, mode=lzma.MODE_FAST"]) {
    it(`${filter}: output past the dictionary, read in small slices`, async () => {
      const stored = pythonLzma(textExpression, filter)
      const reading = await read(writeZip([{ name: 'text', method: 14, stored, data, flags: 2 }]))
      expect(reading.members[0].error).toBeUndefined()
      expect(reading.members[0].sha256).toBe(sha256(data))
      // Fed 100 bytes at a time the decoder resumes between symbols and gives the same bytes.
      const { lzmaZipDecoder } = await import('../../../src/core/archive/lzma')
      const decoder = lzmaZipDecoder(data.length, true, () => undefined)
      const parts: Uint8Array[] = []
      for (let at = 0; at < stored.length; at += 100) decoder(stored.subarray(at, at + 100), (part) => parts.push(part))
      decoder(null, (part) => parts.push(part))
      expect(sha256(Buffer.concat(parts))).toBe(sha256(data))
    })
  }

  it('without flag bit 1 the stream ends at the declared size', async () => {
    const reading = await read(writeZip([{ name: 'text', method: 14, stored: pythonLzma(textExpression, 'dict_size=4096'), data, flags: 0 }]))
    expect(reading.members[0].error).toBeUndefined()
    expect(reading.members[0].sha256).toBe(sha256(data))
  })

  it('a bomb declaring 10 bytes stops at them; declaring 1 GiB it is LIMIT_EXCEEDED', async () => {
    const bomb = pythonLzma("bytes(64 * 1024 * 1024)", 'dict_size=1 << 20')
    expect(bomb.length).toBeLessThan(20_000)
    const started = Date.now()
    const small = await read(writeZip([{ name: 'zeros', method: 14, stored: bomb, data: new Uint8Array(10), flags: 2 }]))
    expect(small.members[0].error?.code).toBe('CORRUPT_STRUCTURE')
    expect(Date.now() - started).toBeLessThan(2000)
    const large = await read(writeZip([{ name: 'zeros', method: 14, stored: bomb, data: new Uint8Array(0), declaredSize: 1024 ** 3, flags: 2 }]))
    expect(large.members[0].error?.code).toBe('LIMIT_EXCEEDED')
  })

  it('a bad header, a cut stream and corrupt data are errors, never hashes', async () => {
    const stored = pythonLzma(textExpression, 'dict_size=4096')
    const badProperties = stored.slice()
    badProperties[2] = 4
    const badByte = stored.slice()
    badByte[4] = 225
    const corrupt = stored.slice()
    for (let i = 200; i < 260; i++) corrupt[i] ^= 0x5a
    for (const [bytes, code] of [[badProperties, 'DECOMPRESSION_FAILED'], [badByte, 'DECOMPRESSION_FAILED'], [stored.subarray(0, 5000), 'TRUNCATED'], [stored.subarray(0, 7), 'TRUNCATED'], [corrupt, null]] as const) {
      // A ratio limit this high lets the 7-byte cut reach the decoder.
      const reading = await read(writeZip([{ name: 'text', method: 14, stored: bytes, data, flags: 2 }]), { limits: { maxRatio: 1e9 } })
      if (code) expect(reading.members[0].error?.code).toBe(code)
      else expect(reading.members[0].error?.code).toMatch(/DECOMPRESSION_FAILED|TRUNCATED|CORRUPT_STRUCTURE|CRC_MISMATCH/)
      if (reading.members[0].error?.code !== 'CRC_MISMATCH') expect(reading.members[0].sha256).toBeNull()
    }
  })
})
