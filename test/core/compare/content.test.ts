/**
 * describeContentPair's byte-level facts: what the text view (TextDecoder, then Monaco) cannot show.
 * TextDecoder drops a leading BOM, Monaco splits lines on CRLF, LF and CR alike, and its whitespace option
 * trims each line: two texts can look equal while their bytes differ, and the page must say so.
 */
import { describe, expect, it } from 'vitest'
import { describeContentPair } from '../../../src/core/compare/content'
import { buildElf, sampleLibrary, SHT, stringTable } from '../binary/build-elf'
import { buildFat, CPU, sampleDylib } from '../binary/build-macho'

const utf8 = (text: string) => new TextEncoder().encode(text)
const BOM = [0xef, 0xbb, 0xbf]
const withBom = (text: string) => new Uint8Array([...BOM, ...utf8(text)])

describe('describeContentPair', () => {
  it('says equal bytes are equal and hides nothing', () => {
    const pair = describeContentPair(utf8('a\r\nb\r\n'), utf8('a\r\nb\r\n'))
    expect(pair.bytesEqual).toBe(true)
    expect(pair.firstDifference).toBe(-1)
    expect(pair.textHides).toEqual([])
    expect(pair.textChange).toBe('none')
  })

  it('names a CRLF-only difference, counts each line ending, and says the text view shows no change', () => {
    const left = 'import os\r\n\r\nprint(os.sep)\r\n'
    const right = 'import os\n\nprint(os.sep)\n'
    const pair = describeContentPair(utf8(left), utf8(right))
    expect(pair.isText).toBe(true)
    expect(pair.bytesEqual).toBe(false)
    expect(pair.firstDifference).toBe(9)
    expect(pair.textHides).toEqual(['line-endings'])
    expect(pair.textChange).toBe('none')
    expect(pair.lineEndings).toEqual({ left: { crlf: 3, lf: 0, cr: 0 }, right: { crlf: 0, lf: 3, cr: 0 } })
  })

  it('counts old Mac CR line endings apart from CRLF and LF', () => {
    const pair = describeContentPair(utf8('a\rb\r'), utf8('a\nb\n'))
    expect(pair.lineEndings).toEqual({ left: { crlf: 0, lf: 0, cr: 2 }, right: { crlf: 0, lf: 2, cr: 0 } })
    expect(pair.textHides).toEqual(['line-endings'])
    expect(pair.textChange).toBe('none')
  })

  it('sees line endings that move between lines even when the counts are equal', () => {
    const pair = describeContentPair(utf8('a\r\nb\n'), utf8('a\nb\r\n'))
    expect(pair.textHides).toEqual(['line-endings'])
    expect(pair.textChange).toBe('none')
  })

  it('names a BOM that TextDecoder strips (the decoded texts are equal)', () => {
    const pair = describeContentPair(withBom('x = 1\n'), utf8('x = 1\n'))
    expect(pair.leftText).toBe(pair.rightText)
    expect(pair.bytesEqual).toBe(false)
    expect(pair.firstDifference).toBe(0)
    expect(pair.bom).toEqual({ left: true, right: false })
    expect(pair.textHides).toEqual(['bom'])
    expect(pair.textChange).toBe('none')
  })

  it('tells a change only in leading or trailing whitespace from a visible one (Python indentation is meaning)', () => {
    const indented = describeContentPair(utf8('if x:\n    y()\n'), utf8('if x:\n\ty()\n'))
    expect(indented.textHides).toEqual([])
    expect(indented.textChange).toBe('whitespace')
    const trailing = describeContentPair(utf8('a = 1  \n'), utf8('a = 1\n'))
    expect(trailing.textChange).toBe('whitespace')
    const visible = describeContentPair(utf8('a = 1\n'), utf8('a = 2\n'))
    expect(visible.textChange).toBe('visible')
    // Whitespace inside a line is shown even when the toggle hides leading/trailing changes.
    expect(describeContentPair(utf8('a = 1\n'), utf8('a  = 1\n')).textChange).toBe('visible')
  })

  it('lists every hidden difference together: BOM, line endings and whitespace', () => {
    const pair = describeContentPair(withBom('x\r\n  y\r\n'), utf8('x\ny\n'))
    expect(pair.textHides).toEqual(['bom', 'line-endings'])
    expect(pair.textChange).toBe('whitespace')
  })

  it('names line endings that differ besides a visible change', () => {
    const pair = describeContentPair(utf8('a\r\nb\r\n'), utf8('a\nc\n'))
    expect(pair.textHides).toEqual(['line-endings'])
    expect(pair.textChange).toBe('visible')
  })

  it('names texts that differ only in Unicode normalisation (they look the same)', () => {
    const pair = describeContentPair(utf8('caf\u00e9\n'), utf8('cafe\u0301\n'))
    expect(pair.bytesEqual).toBe(false)
    expect(pair.textHides).toEqual(['unicode-normalization'])
    expect(pair.textChange).toBe('none')
  })

  it('has no text facts for binary content, and no byte comparison when a side is absent', () => {
    const binary = describeContentPair(new Uint8Array([0, 1, 2]), new Uint8Array([0, 1, 3]))
    expect(binary.isText).toBe(false)
    expect(binary.bytesEqual).toBe(false)
    expect(binary.firstDifference).toBe(2)
    expect(binary.textHides).toEqual([])
    expect(binary.textChange).toBeNull()
    const oneSided = describeContentPair(utf8('a\r\n'), null)
    expect(oneSided.bytesEqual).toBeNull()
    expect(oneSided.textHides).toEqual([])
  })

  it('never decodes a side above the text limit, yet still compares the bytes', () => {
    const pair = describeContentPair(utf8('a\r\n'.repeat(10)), utf8('a\n'.repeat(10)), 8)
    expect(pair.isText).toBe(false)
    expect(pair.textLimit).toBe(8)
    expect(pair.bytesEqual).toBe(false)
    expect(pair.textChange).toBeNull()
  })
})

describe('describeContentPair: the strings of each differing section of two binaries', () => {
  // Issue 8: "a strings diff (printable runs ≥ 4 bytes) per differing section, as text in the diff view".
  const lib = (data: string, buildId: number) => sampleLibrary({ is64: true, little: true, data, buildId })

  it('lists each differing section with both sides\' strings, one per line, and leaves identical ones out', () => {
    const pair = describeContentPair(lib('built in /tmp/build-a', 1), lib('built in /tmp/build-bb', 2))
    const sections = pair.sectionStrings?.sections ?? []
    expect(sections.map((s) => s.section)).toEqual(['.note.gnu.build-id', '.data'])
    expect(sections[1]).toEqual({ section: '.data', status: 'modified', leftText: 'built in /tmp/build-a', rightText: 'built in /tmp/build-bb', truncated: false })
    expect(pair.sectionStrings?.limit).toBeUndefined()
  })

  it('splits a string table at its NULs, so the empty first string keeps its line', () => {
    const table = (strings: string[]) => buildElf({ is64: true, little: true, sections: [{ name: '.dynstr', type: SHT.STRTAB, data: stringTable(strings).bytes }] })
    const [section] = describeContentPair(table(['libdemo.so.1', 'x']), table(['libdemo.so.2', 'x'])).sectionStrings!.sections
    expect(section).toMatchObject({ section: '.dynstr', leftText: '\nlibdemo.so.1\nx', rightText: '\nlibdemo.so.2\nx' })
  })

  it('gives no section strings for text, for equal bytes, or when a side is no binary', () => {
    expect(describeContentPair(utf8('a'), utf8('b')).sectionStrings).toBeUndefined()
    const same = lib('x', 1)
    expect(describeContentPair(same, same).sectionStrings).toBeUndefined()
    expect(describeContentPair(lib('x', 1), new Uint8Array([0, 1, 2, 0xff])).sectionStrings).toBeUndefined()
  })
})

describe('describeContentPair: section strings of Mach-O files, thin and universal', () => {
  // Written against BinarySection.fileRange, not ELF: the Mach-O reader sets it too (a slice's into the whole file).
  it('gives __TEXT,__cstring split at its NULs', () => {
    const pair = describeContentPair(sampleDylib({ cstring: 'built in /tmp/a' }), sampleDylib({ cstring: 'built in /tmp/bb' }))
    expect(pair.sectionStrings?.sections).toEqual([{ section: '__TEXT,__cstring', status: 'modified', leftText: 'built in /tmp/a\nhello', rightText: 'built in /tmp/bb\nhello', truncated: false }])
  })

  it('tags the sections of each slice of a universal binary with its arch', () => {
    const fat = (cstring: string) => buildFat([
      { cputype: CPU.X86_64, cpusubtype: 3, bytes: sampleDylib({ cstring }) },
      { cputype: CPU.ARM64, cpusubtype: 0, bytes: sampleDylib({ cputype: CPU.ARM64, cpusubtype: 0 }), align: 14 },
    ])
    const sections = describeContentPair(fat('built in /tmp/a'), fat('built in /tmp/bb')).sectionStrings!.sections
    expect(sections.find((s) => s.slice === 'x86_64' && s.section === '__TEXT,__cstring')).toMatchObject({ leftText: 'built in /tmp/a\nhello', rightText: 'built in /tmp/bb\nhello' })
    expect(sections.some((s) => s.slice === 'arm64')).toBe(false)
  })
})
