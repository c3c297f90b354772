/** RECORD: CSV as Python's csv module writes it, and the sha256= urlsafe base64 hash form. */
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { isRecordSelfOrSignature, parseCsv, parseRecord, recordHashFromHex } from '../../../src/core/python/record'

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    expect(parseCsv('"a,b.py",sha256=x,3\n"say ""hi"".txt",,\n"multi\nline.txt",h,1\n')).toEqual([
      ['a,b.py', 'sha256=x', '3'],
      ['say "hi".txt', '', ''],
      ['multi\nline.txt', 'h', '1'],
    ])
  })

  it('accepts CRLF rows, skips blank lines and keeps a last row without a newline', () => {
    expect(parseCsv('a,h1,1\r\n\r\nb,h2,2\r\nc,h3,3')).toEqual([['a', 'h1', '1'], ['b', 'h2', '2'], ['c', 'h3', '3']])
  })

  it('keeps a quote inside an unquoted field literally', () => {
    expect(parseCsv('it"s,h,1\n')).toEqual([['it"s', 'h', '1']])
  })
})

describe('parseRecord', () => {
  it('gives path, hash and size, empty where RECORD lists itself or a field is missing', () => {
    expect(parseRecord('pkg/a.py,sha256=abc,12\npkg-1.0.dist-info/RECORD,,\nshort\n')).toEqual([
      { path: 'pkg/a.py', hash: 'sha256=abc', size: '12' },
      { path: 'pkg-1.0.dist-info/RECORD', hash: '', size: '' },
      { path: 'short', hash: '', size: '' },
    ])
  })
})

describe('recordHashFromHex', () => {
  it('writes the SHA-256 of empty input as RECORD does', () => {
    expect(recordHashFromHex('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')).toBe('sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU')
  })

  it('uses the urlsafe alphabet (- and _) without padding, as base64url does', () => {
    for (const input of ['', 'a', 'pkg/core.py contents', '\u00ff\u00fe binary?']) {
      const digest = createHash('sha256').update(input).digest()
      const hash = recordHashFromHex(digest.toString('hex'))
      expect(hash).toBe(`sha256=${digest.toString('base64url')}`)
      expect(hash.slice('sha256='.length)).not.toMatch(/[+/=]/)
    }
    // 0xfb 0xff … encodes to "-_" in the urlsafe alphabet ("+/" in the standard one)
    expect(recordHashFromHex(`fbff${'00'.repeat(30)}`)).toMatch(/^sha256=-_8A/)
  })
})

describe('isRecordSelfOrSignature', () => {
  it('matches RECORD and its signatures in a .dist-info directory only', () => {
    expect(['pkg-1.0.dist-info/RECORD', 'pkg-1.0.dist-info/RECORD.jws', 'pkg-1.0.dist-info/RECORD.p7s'].map(isRecordSelfOrSignature)).toEqual([true, true, true])
    expect(['pkg/RECORD', 'pkg-1.0.dist-info/RECORD.bak', 'pkg-1.0.dist-info/RECORDS', 'RECORD'].map(isRecordSelfOrSignature)).toEqual([false, false, false, false])
  })
})
