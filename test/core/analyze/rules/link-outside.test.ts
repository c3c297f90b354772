/** link-outside (security): symlinks or hard links whose target leaves the archive. */
import { describe, expect, it } from 'vitest'
import { linkOutsideRule, resolveInside } from '../../../../src/core/analyze/rules/link-outside'
import { context, member, report } from '../report-builder'

const link = (path: string, target: string, type: 'symlink' | 'hardlink' = 'symlink') =>
  member(path, { type, left: { type, linkTarget: target, sha256: null }, right: { type, linkTarget: target, sha256: null } })

describe('resolveInside', () => {
  it('resolves symlinks from their directory and hard links from the root', () => {
    expect(resolveInside('pkg-1.0/pkg/LICENSE', '../LICENSE', 'symlink')).toBe('pkg-1.0/LICENSE')
    expect(resolveInside('pkg-1.0/COPYING', 'pkg-1.0/LICENSE', 'hardlink')).toBe('pkg-1.0/LICENSE')
  })

  it('gives null for absolute, drive-letter, backslash and escaping targets', () => {
    expect(['/etc/passwd', 'C:/Windows', '..\\..\\x', '../../../etc/passwd'].map((target) => resolveInside('pkg-1.0/pkg/a', target, 'symlink'))).toEqual([null, null, null, null])
  })
})

describe('link-outside rule', () => {
  it('names links that leave the archive, per side', () => {
    const r = report([link('pkg-1.0/pkg/LICENSE', '../LICENSE'), link('pkg-1.0/evil', '../../../home/user/.bashrc')])
    const found = linkOutsideRule.explain(context(r))
    expect(found.map((f) => f.evidence.side)).toEqual(['left', 'right'])
    const [f] = found
    expect(f).toMatchObject({ cause: 'link-outside', severity: 'security', members: ['pkg-1.0/evil'] })
    expect(f.title).toBe('In the left archive, a link points outside the archive: pkg-1.0/evil → ../../../home/user/.bashrc')
  })

  it('gives nothing for links that stay inside', () => {
    expect(linkOutsideRule.explain(context(report([link('pkg-1.0/pkg/LICENSE', '../LICENSE'), link('pkg-1.0/COPYING', 'pkg-1.0/LICENSE', 'hardlink'), member('pkg-1.0/LICENSE')])))).toEqual([])
  })
})
