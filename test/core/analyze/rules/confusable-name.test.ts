/** confusable-name (security): invisible, format and bidi characters, and script changes inside a word (issue 7 item 7). */
import { describe, expect, it } from 'vitest'
import { confusableNameRule, storedName } from '../../../../src/core/analyze/rules/confusable-name'
import { compareArtifacts } from '../../../../src/core/index'
import { blobSource, buildZip } from '../../archive/build-archives'
import { context, member, report } from '../report-builder'

const hexOf = (name: string) => Array.from(new TextEncoder().encode(name), (byte) => byte.toString(16).padStart(2, '0')).join('')
/** A member as the reader reports it: the display path (escaped where util/text.ts escapes) and the stored bytes' hex. */
const named = (stored: string, shown = stored) => member(shown, { left: { nameHex: hexOf(stored) }, right: { nameHex: hexOf(stored) } })
const leftNamed = (stored: string, shown = stored) => member(shown, { left: { nameHex: hexOf(stored) }, right: null })
const flaggedNames = (members: ReturnType<typeof member>[]) => confusableNameRule.explain(context(report(members)))[0]?.members ?? []

type Entry = { side: string; path: string; offset: number; name: string; characters: { kind: string; codePoint: string; name?: string; category: string; scripts?: string[]; looksLike?: string }[]; scripts: string[] }

describe('confusable-name rule', () => {
  it('flags a Cyrillic е inside the Latin word setup, with its code point, category and scripts', () => {
    const [f, ...rest] = confusableNameRule.explain(context(report([leftNamed('pkg/sеtup.py')])))
    expect(rest).toEqual([])
    expect(f).toMatchObject({ cause: 'confusable-name', severity: 'security', members: ['pkg/sеtup.py'] })
    expect(f.title).toBe('1 member name in the left archive hides what it is: pkg/s\\u{435}tup.py (Latin and Cyrillic in one word)')
    const [entry] = f.evidence.names as Entry[]
    expect(entry).toMatchObject({ side: 'left', path: 'pkg/sеtup.py', scripts: ['Latin', 'Cyrillic'] })
    expect(entry.characters).toEqual([{ kind: 'mixed-script', codePoint: 'U+0435', category: 'Ll', at: 5, character: 'е', scripts: ['Cyrillic'] }])
  })

  it('passes names whose words each keep to one script, or mix Latin with Han, Kana or Hangul (TR39 Highly Restrictive)', () => {
    expect(flaggedNames([
      named('docs/日本語.txt'), named('README_Привет.md'), named('docs/Python入門.md'), named('ja/ひらがなカタカナ漢字.txt'),
      named('ko/한국어漢字.md'), named('el/αβγ-abc.txt'), named('café/naïve.py'), named('pkg/e\u0301t\u00e9.py'),
      named('zh/第１章.txt'), named('ja/ＡＢＣ表.txt'),
    ])).toEqual([])
  })

  it('flags mixed words in other scripts too (Greek in Latin, Latin in Cyrillic)', () => {
    expect(flaggedNames([named('pkg/pοst.py'), named('Привeт.md'), named('pkg/ok.py')])).toEqual(['pkg/pοst.py', 'Привeт.md'])
  })

  it('flags invisible, format, bidi and tag characters, odd spaces and ASCII look-alikes, from the stored bytes', () => {
    const [f] = confusableNameRule.explain(context(report([
      // The display form escapes the zero-width space (util/text.ts); the rule reads the stored bytes.
      leftNamed('pkg/a\u200bb.py', 'pkg/a\\u{200b}b.py'),
      leftNamed('pkg/\u202egnp.py', 'pkg/\\u{202e}gnp.py'),
      leftNamed('pkg/x\u{e0041}.py'),
      leftNamed('pkg/soft\u00adhyphen.py'),
      leftNamed('pkg/\ufeffbom.py'),
      leftNamed('pkg/two\u00a0words.py'),
      leftNamed('pkg/\u{1d42c}etup.py'),
      leftNamed('pkg/ｓｅｔｕｐ.py'),
    ])))
    const entries = f.evidence.names as Entry[]
    expect(entries.map((e) => e.characters.map((c) => [c.kind, c.codePoint, c.name]))).toEqual([
      [['invisible', 'U+200B', 'ZERO WIDTH SPACE']],
      [['bidi-control', 'U+202E', 'RIGHT-TO-LEFT OVERRIDE']],
      [['tag', 'U+E0041', 'TAG "A"']],
      [['invisible', 'U+00AD', 'SOFT HYPHEN']],
      [['invisible', 'U+FEFF', 'ZERO WIDTH NO-BREAK SPACE (byte order mark)']],
      [['space', 'U+00A0', 'NO-BREAK SPACE']],
      [['ascii-look-alike', 'U+1D42C', undefined]],
      ['FF53', 'FF45', 'FF54', 'FF55', 'FF50'].map((code) => ['ascii-look-alike', `U+${code}`, undefined]),
    ])
    expect(entries[0].characters[0].category).toBe('Cf')
    expect(entries[6].characters[0].looksLike).toBe('s')
    expect(entries.map((e) => e.name)).toEqual([
      'pkg/a\\u{200b}b.py', 'pkg/\\u{202e}gnp.py', 'pkg/x\\u{e0041}.py', 'pkg/soft\\u{ad}hyphen.py', 'pkg/\\u{feff}bom.py', 'pkg/two\\u{a0}words.py', 'pkg/\\u{1d42c}etup.py',
      'pkg/\\u{ff53}\\u{ff45}\\u{ff54}\\u{ff55}\\u{ff50}.py',
    ])
    expect(f.title).toMatch(/^8 member names in the left archive hide what they are: pkg\/a\\u\{200b\}b.py \(ZERO WIDTH SPACE\), /)
  })

  it('reads the display form when a side has no nameHex, undoing its escapes', () => {
    expect(storedName(undefined, 'a\\u{200b}b\\\\x\\x41')).toBe('a\u200bb\\xA')
    expect(storedName(hexOf('sеtup.py'), 'whatever')).toBe('sеtup.py')
    expect(storedName('zz', 'a\\u{110000}')).toBe('a\\u{110000}')
    expect(storedName('62ff', 'b\\xff')).toBe('b\ufffd') // an invalid byte hides nothing (name-encoding reports it)
    expect(storedName(undefined, 'c\\xad\\u{ad}')).toBe('c\ufffd\u00ad') // \xNN from 80 up is a byte, \u{N} a character
    expect(flaggedNames([member('pkg/a\\u{200d}b.py')])).toEqual(['pkg/a\\u{200d}b.py'])
  })

  it('names each side once, both sides in one finding, with offsets', () => {
    const m = named('pkg/sеtup.py')
    m.left!.offset = 512
    m.right!.offset = 1024
    const [f] = confusableNameRule.explain(context(report([m])))
    expect(f.title).toMatch(/^1 member name in both archives hides what it is/)
    expect((f.evidence.names as Entry[]).map((e) => [e.side, e.offset])).toEqual([['left', 512], ['right', 1024]])
  })

  it('leaves ASCII names alone, however many', () => {
    const members = Array.from({ length: 2000 }, (_, i) => named(`pkg/module_${i}.py`))
    expect(flaggedNames(members)).toEqual([])
  })
})

describe('confusable-name through compareArtifacts', () => {
  it('judges a zip name without the UTF-8 flag as shown (CP437, as Python extracts it): s, 0xEE (ε), tup.py', async () => {
    const zip = buildZip([{ name: new Uint8Array([0x73, 0xee, 0x74, 0x75, 0x70, 0x2e, 0x70, 0x79]), data: 'x', flags: 0 }])
    const r = await compareArtifacts(blobSource('a.zip', zip), blobSource('b.zip', zip.slice()))
    const [f] = r.findings.filter((finding) => finding.cause === 'confusable-name')
    expect(f.members).toEqual(['sεtup.py'])
    expect((f.evidence.names as (Entry & { readAs: string })[])[0]).toMatchObject({ name: 's\\u{3b5}tup.py', readAs: 'the name as shown', scripts: ['Latin', 'Greek'] })
  })

  it('flags a zip whose setup.py has a Cyrillic е, and one with a zero-width space, even when the files are identical', async () => {
    const zip = buildZip([{ name: 'pkg/sеtup.py', data: 'x' }, { name: 'pkg/in\u200bit.py', data: 'y' }, { name: 'docs/日本語.txt', data: 'z' }])
    const r = await compareArtifacts(blobSource('a.zip', zip), blobSource('b.zip', zip.slice()))
    expect(r.verdict).toBe('identical')
    const [f] = r.findings.filter((finding) => finding.cause === 'confusable-name')
    expect(f.members).toHaveLength(2)
    expect((f.evidence.names as Entry[]).map((e) => [e.side, e.name])).toEqual([
      ['left', 'pkg/s\\u{435}tup.py'], ['left', 'pkg/in\\u{200b}it.py'], ['right', 'pkg/s\\u{435}tup.py'], ['right', 'pkg/in\\u{200b}it.py'],
    ])
  })
})
