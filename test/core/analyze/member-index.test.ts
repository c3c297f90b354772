/** The shared member index answers exactly what the plain scans over every member give, in the same order. */
import { describe, expect, it } from 'vitest'
import { EXPLANATION_RULES, explainDifferences } from '../../../src/core/analyze/explain'
import { MemberIndex } from '../../../src/core/analyze/member-index'
import type { FlaggedMember } from '../../../src/core/analyze/member-anomalies'
import { CONTENT } from '../../../src/core/analyze/rule'
import { collisions } from '../../../src/core/analyze/rules/case-collision'
import { duplicatedNames } from '../../../src/core/analyze/rules/duplicate-name'
import type { CoreError, CoreErrorCode } from '../../../src/core/errors'
import type { Finding, MemberComparison, Report, Side } from '../../../src/core/index'
import { earlierFinding, member, modified, report } from './report-builder'

const anomaly = (code: string, message = code, offset?: number) => ({ code, message, ...(offset === undefined ? {} : { offset }) })
const error = (code: CoreErrorCode, message: string = code, offset?: number): CoreError => ({ code, message, ...(offset === undefined ? {} : { offset }) })

// The plain scans over every member that the rules ran before the index: the reference its answers must equal.
function isContentExplained(earlier: Finding[], path: string): boolean {
  return earlier.some((f) => f.members.includes(path) && f.fields?.includes(CONTENT))
}

function membersWithChange(report: Report, ...fields: string[]): MemberComparison[] {
  return report.members.filter((member) => fields.some((field) => member.changed.includes(field)))
}

function membersWithAnomaly(members: MemberComparison[], code: string): FlaggedMember[] {
  return members.flatMap((member) =>
    (['left', 'right'] as Side[]).flatMap((side) => {
      const own = member[side]
      const anomaly = own?.anomalies?.find((a) => a.code === code)
      const path = (side === 'left' ? member.leftPath : member.rightPath) ?? member.path
      return anomaly ? [{ member, side, path, code: anomaly.code, message: anomaly.message, offset: anomaly.offset }] : []
    }),
  )
}

function membersWithError(members: MemberComparison[], accept: (code: string) => boolean): FlaggedMember[] {
  return members.flatMap((member) =>
    (['left', 'right'] as Side[]).flatMap((side) => {
      const error = member[side]?.error
      const path = (side === 'left' ? member.leftPath : member.rightPath) ?? member.path
      return error && accept(error.code) ? [{ member, side, path, code: error.code, message: error.message, offset: error.offset }] : []
    }),
  )
}


/** Errors and anomalies on either side, several changed fields (one named twice), repeated paths and names. */
function mixedReport(): Report {
  return report([
    member('a.py', { changed: ['mtime', 'mode'], left: { mtime: 1, mode: 0o644 }, right: { mtime: 2, mode: 0o755 } }),
    modified('b.py', { changed: ['mode', 'mode', 'uid'], left: { error: error('CRC_MISMATCH', 'bad crc', 40) } }),
    member('c.py', {
      changed: ['order'],
      left: { anomalies: [anomaly('UNSAFE_PATH', 'first', 1), anomaly('UNSAFE_PATH', 'second', 2), anomaly('NAME_ENCODING')] },
      right: { anomalies: [anomaly('NAME_ENCODING', 'right'), anomaly('ZIP_HEADER_MISMATCH', 'local', 9)], error: error('LIMIT_EXCEEDED', 'too big') },
    }),
    // The same pairing path twice (a later entry wins a path map) and one real name listed twice on the right.
    member('dup.txt', { changed: ['mtime'], left: { mtime: 1 }, right: { mtime: 3 } }),
    member('dup.txt', { left: null, rightPath: 'a.py', right: { error: error('UNSUPPORTED_METHOD', 'method 99') } }),
    member('e.py', { right: null, changed: ['extendedMtime'] }),
    modified('F.py', { changed: ['extendedMtime', 'mtime', 'extra'], right: { anomalies: [anomaly('UNSAFE_PATH', 'right one')] } }),
  ])
}

describe('MemberIndex', () => {
  const r = mixedReport()
  const index = new MemberIndex(r)

  it('lists the members changed in any of the fields as membersWithChange does', () => {
    const queries = [['mtime'], ['mode'], ['order'], ['uid'], ['nothing'], ['mtime', 'extendedMtime'], ['extendedMtime', 'mtime'], ['mode', 'mode'], ['mode', 'uid', 'extra', 'nothing']]
    for (const fields of queries) expect(index.withChange(...fields), fields.join()).toEqual(membersWithChange(r, ...fields))
    // Not a vacuous comparison: the merged query interleaves two buckets in report order, each member once.
    expect(index.withChange('mtime', 'extendedMtime').map((m) => m.path)).toEqual(['a.py', 'dup.txt', 'e.py', 'F.py'])
    expect(index.withChange('mode')).toHaveLength(2)
  })

  it('flags errors and anomalies per side as the scans do', () => {
    for (const accept of [(code: string) => code === 'CRC_MISMATCH', (code: string) => code !== 'CRC_MISMATCH', () => true]) {
      expect(index.withError(accept)).toEqual(membersWithError(r.members, accept))
    }
    for (const code of ['UNSAFE_PATH', 'NAME_ENCODING', 'ZIP_HEADER_MISMATCH', 'NONE']) expect(index.withAnomaly(code), code).toEqual(membersWithAnomaly(r.members, code))
    // The first UNSAFE_PATH of a side only, left before right, in member order.
    expect(index.withAnomaly('UNSAFE_PATH').map((f) => [f.member.path, f.side, f.message, f.offset])).toEqual([['c.py', 'left', 'first', 1], ['F.py', 'right', 'right one', undefined]])
    expect(index.withError(() => true).map((f) => [f.path, f.side, f.code])).toEqual([['b.py', 'left', 'CRC_MISMATCH'], ['c.py', 'right', 'LIMIT_EXCEEDED'], ['a.py', 'right', 'UNSUPPORTED_METHOD']])
  })

  it("gives each side's real paths and the later member of a repeated pairing path", () => {
    expect(index.sidePaths('left')).toEqual(r.members.flatMap((m) => (m.leftPath === null ? [] : [m.leftPath])))
    expect(index.sidePaths('right')).toEqual(r.members.flatMap((m) => (m.rightPath === null ? [] : [m.rightPath])))
    const plain = new Map(r.members.map((m) => [m.path, m]))
    expect([...index.byPath()]).toEqual([...plain])
    expect(index.byPath().get('dup.txt')).toBe(r.members[4])
  })

  it('lists the members of each status in report order', () => {
    for (const status of ['identical', 'metadata', 'modified', 'left-only', 'right-only'] as const) {
      expect(index.withStatus(status), status).toEqual(r.members.filter((m) => m.status === status))
    }
    expect(index.withStatus('modified').map((m) => m.path)).toEqual(['b.py', 'F.py'])
  })

  it('tells when both sides list the same names', () => {
    expect(index.sameNames()).toBe(false)
    const same = new MemberIndex(report([member('A.txt'), modified('a.txt'), member('b', { changed: ['mtime'] })]))
    expect(same.sameNames()).toBe(true)
    expect(same.sidePaths('left')).toEqual(same.sidePaths('right'))
    // A right-only member, or one with another real name on one side, makes the lists differ.
    expect(new MemberIndex(report([member('a'), member('b', { left: null })])).sameNames()).toBe(false)
    expect(new MemberIndex(report([member('a', { rightPath: 'A' })])).sameNames()).toBe(false)
  })

  it('knows what the earlier findings explain as they are appended, as isContentExplained does', () => {
    const earlier: Finding[] = []
    const paths = r.members.map((m) => m.path)
    const agrees = () => {
      for (const path of paths) expect(index.isExplained(earlier, path, CONTENT), path).toBe(isContentExplained(earlier, path))
      for (const path of paths) expect(index.isExplained(earlier, path, 'mode')).toBe(earlier.some((f) => f.members.includes(path) && f.fields?.includes('mode')))
    }
    agrees()
    earlier.push(earlierFinding('timestamps', ['a.py', 'dup.txt'], ['mtime']))
    agrees()
    earlier.push(earlierFinding('derived', ['b.py'], [CONTENT], true), earlierFinding('permissions', ['a.py', 'b.py'], ['mode']))
    agrees()
    earlier.push(earlierFinding('build-path', ['b.py', 'F.py'], [CONTENT]), earlierFinding('tool-version', ['F.py', 'c.py'], [CONTENT]))
    agrees()
    // The first finding not derived that explains the content names the cause.
    expect(paths.map((path) => index.contentCause(earlier, path))).toEqual([null, 'build-path', 'tool-version', null, null, null, 'build-path'])
    // Another findings list (a rule called on its own) is read afresh.
    expect(index.isExplained([earlierFinding('x', ['e.py'], [CONTENT])], 'e.py', CONTENT)).toBe(true)
    expect(index.isExplained(earlier, 'e.py', CONTENT)).toBe(false)
  })

  it('gives a whole run the findings of the rules run one by one, each with an index of its own', () => {
    const shared = explainDifferences(mixedReport())
    const own: Finding[] = []
    const fresh = mixedReport()
    for (const rule of EXPLANATION_RULES) own.push(...rule.explain({ report: fresh, evidence: { left: {}, right: {} }, earlier: own }))
    const rank = (f: Finding) => (f.severity === 'security' ? 0 : f.derived ? 2 : 1)
    expect(shared).toEqual([...own].sort((x, y) => rank(x) - rank(y)))
    expect(shared.map((f) => f.cause)).toEqual(expect.arrayContaining(['crc-mismatch', 'unsafe-path', 'name-encoding', 'zip-header-mismatch', 'duplicate-name', 'timestamps', 'permissions', 'content']))
  })
})

describe('the name scans of the collision and duplicate rules', () => {
  /** The former implementations, kept here as the reference. */
  const plainCollisions = (paths: string[]) => {
    const groups = new Map<string, Set<string>>()
    for (const path of paths) {
      const key = path.normalize('NFC').toLowerCase()
      groups.set(key, (groups.get(key) ?? new Set()).add(path))
    }
    return [...groups.values()].filter((group) => group.size > 1).map((group) => [...group])
  }
  const plainDuplicates = (paths: string[]) => {
    const counts = new Map<string, number>()
    for (const path of paths) counts.set(path, (counts.get(path) ?? 0) + 1)
    return [...counts].filter(([, count]) => count > 1).map(([path]) => path)
  }
  const lists = [
    [],
    ['a', 'b', 'c'],
    ['readme', 'README', 'x', 'Readme', 'readme'],
    ['README', 'readme'],
    ['Makefile', 'src/A.c', 'src/a.c', 'b', 'makefile', 'B'],
    ['caf\u00e9', 'cafe\u0301', 'CAF\u00c9', 'other'],
    ['Only', 'Upper', 'Case'],
    ['b', 'a', 'b', 'c', 'a', 'a'],
    ['z', 'y', 'x'],
  ]

  it('groups the same names as folding every name into a Set did', () => {
    for (const paths of lists) expect(collisions(paths), paths.join()).toEqual(plainCollisions(paths))
    expect(collisions(['readme', 'README', 'x', 'Readme'])).toEqual([['readme', 'README', 'Readme']])
  })

  it('finds the same repeated names, in first-listed order, as counting did', () => {
    for (const paths of lists) expect(duplicatedNames(paths), paths.join()).toEqual(plainDuplicates(paths))
    expect(duplicatedNames(['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a'])
  })
})
