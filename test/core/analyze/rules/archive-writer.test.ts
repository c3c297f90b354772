/** archive-writer: fields only the archiver decides (zip version made by, flags, extra; tar format, padding). */
import { describe, expect, it } from 'vitest'
import { archiveWriterRule } from '../../../../src/core/analyze/rules/archive-writer'
import { context, earlierFinding, member, report } from '../report-builder'

describe('archive-writer rule', () => {
  it('names the member and archive fields another archiver writes', () => {
    const r = report([member('pkg/a.py', { changed: ['creatorVersion', 'extra'], left: { creatorVersion: 20, extra: '' }, right: { creatorVersion: 63, extra: '5455' } }), member('pkg/b.py')], {
      archive: [{ field: 'tar.format', left: 'pax', right: 'gnu' }, { field: 'gzip.mtime', left: 1, right: 2 }],
    })
    const [f] = archiveWriterRule.explain(context(r))
    expect(f.cause).toBe('archive-writer')
    expect(f.severity).toBe('cause')
    expect(f.derived).toBe(false)
    expect(f.members).toEqual(['pkg/a.py'])
    expect(f.fields).toEqual(['creatorVersion', 'extra', 'tar.format'])
    expect(f.title).toBe('Written by another archiver or version: tar.format, member creatorVersion, member extra differ')
    expect(f.remedy).toMatch(/same tool versions/)
  })

  it('leaves out what an earlier finding explains', () => {
    const r = report([member('pkg/a.py', { changed: ['flags', 'compression'], left: { flags: 0 }, right: { flags: 2 } })], {
      archive: [{ field: 'zip.centralDirectoryOrderIsLocalOrder', left: true, right: false }],
    })
    const earlier = [earlierFinding('compression', ['pkg/a.py'], ['compression', 'flags']), earlierFinding('ordering', [], ['order', 'zip.centralDirectoryOrderIsLocalOrder'])]
    expect(archiveWriterRule.explain(context(r, undefined, earlier))).toEqual([])
    expect(archiveWriterRule.explain(context(r))).toHaveLength(1)
  })

  // Brief Q item 1: members listed from local headers have no "version made by"; their creatorVersion is
  // unknown, and another archiver must not be inferred from it.
  it('infers nothing from a field one side does not have', () => {
    const lacking = member('b/a.py', { changed: ['creatorVersion', 'localExtra'], left: { creatorVersion: 20, localExtra: '' }, right: {} })
    const unknown = { ...member('b/c.py', { changed: ['creatorVersion'], left: { creatorVersion: 20 }, right: { creatorVersion: 0 } }), unknown: ['creatorVersion'] }
    expect(archiveWriterRule.explain(context(report([lacking, unknown])))).toEqual([])
  })

  it('gives nothing for differences other rules own', () => {
    const r = report([member('a', { changed: ['mtime', 'mode'], left: { mtime: 1 }, right: { mtime: 2 } })], { archive: [{ field: 'gzip.os', left: 3, right: 255 }, { field: 'order', left: '', right: '' }] })
    expect(archiveWriterRule.explain(context(r))).toEqual([])
  })
})
