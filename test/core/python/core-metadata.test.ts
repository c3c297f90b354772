/** METADATA / PKG-INFO / WHEEL parsing: headers, continuation lines, repeated fields, the body. */
import { describe, expect, it } from 'vitest'
import { compareCoreMetadata, fieldValues, parseCoreMetadata } from '../../../src/core/python/core-metadata'

describe('parseCoreMetadata', () => {
  it('reads fields in order, then the body after the first blank line', () => {
    const parsed = parseCoreMetadata('Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n\n# pkg\n\nA package.\n\n\n')
    expect(parsed.fields).toEqual([['Metadata-Version', '2.1'], ['Name', 'pkg'], ['Version', '1.0']])
    expect(parsed.body).toBe('# pkg\n\nA package.')
  })

  it('joins continuation lines, dropping the indentation and the legacy "|" margin', () => {
    const parsed = parseCoreMetadata('Name: pkg\nDescription: first line\n        second line\n        |  indented third\n\tfourth\nLicense: MIT\n')
    expect(fieldValues(parsed, 'Description')).toEqual(['first line\nsecond line\n  indented third\nfourth'])
    expect(fieldValues(parsed, 'License')).toEqual(['MIT'])
  })

  it('accepts CRLF and CR line ends and a leading BOM', () => {
    const parsed = parseCoreMetadata('\uFEFFName: pkg\r\nVersion: 2.0\rSummary: s\r\n\r\nbody\r\nmore\r\n')
    expect(parsed.fields).toEqual([['Name', 'pkg'], ['Version', '2.0'], ['Summary', 's']])
    expect(parsed.body).toBe('body\nmore')
  })

  it('keeps values containing colons and skips lines that are not headers', () => {
    const parsed = parseCoreMetadata('Project-URL: Source, https://example.org/pkg\nnot a header\n: no name\nName: pkg\n')
    expect(parsed.fields).toEqual([['Project-URL', 'Source, https://example.org/pkg'], ['Name', 'pkg']])
    expect(parsed.body).toBe('')
  })

  it('finds repeated fields case-insensitively, in file order', () => {
    const parsed = parseCoreMetadata('Classifier: B\nclassifier: A\nCLASSIFIER: B\n')
    expect(fieldValues(parsed, 'Classifier')).toEqual(['B', 'A', 'B'])
    expect(fieldValues(parsed, 'Requires-Dist')).toEqual([])
  })
})

describe('compareCoreMetadata', () => {
  const compare = (left: string, right: string) => compareCoreMetadata(parseCoreMetadata(left), parseCoreMetadata(right))

  it('finds nothing in equal files, whatever the case of the field names', () => {
    expect(compare('Name: pkg\nHome-page: https://x\n', 'Name: pkg\nHome-Page: https://x\n')).toEqual([])
  })

  it('reports a single-valued field with both values', () => {
    expect(compare('Name: pkg\nVersion: 1.0\n', 'Name: pkg\nVersion: 1.1\n')).toEqual([{ field: 'Version', left: ['1.0'], right: ['1.1'], orderOnly: false }])
  })

  it('compares repeated fields as multisets: order only, or different members', () => {
    expect(compare('Classifier: A\nClassifier: B\n', 'Classifier: B\nClassifier: A\n')).toEqual([{ field: 'Classifier', left: ['A', 'B'], right: ['B', 'A'], orderOnly: true }])
    expect(compare('Requires-Dist: a\nRequires-Dist: a\nRequires-Dist: b\n', 'Requires-Dist: a\nRequires-Dist: b\nRequires-Dist: b\n')[0].orderOnly).toBe(false)
  })

  it('reports a field present on one side only', () => {
    expect(compare('Name: pkg\n', 'Name: pkg\nLicense-Expression: MIT\n')).toEqual([{ field: 'License-Expression', left: [], right: ['MIT'], orderOnly: false }])
  })

  it('compares the body as its own field', () => {
    expect(compare('Name: pkg\n\nOld text.\n', 'Name: pkg\n\nNew text.\n')).toEqual([{ field: 'Description (body)', left: ['Old text.'], right: ['New text.'], orderOnly: false }])
  })
})
