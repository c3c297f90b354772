import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { MemberComparison } from '../../../src/core/types-public'
import type { TreeRow } from '../../../src/store/selectors'
import { TreeList } from '../../../src/ui/components/TreeList'

function row(index: number): TreeRow {
  const side = { index, size: 10, sha256: 'ab', type: 'file', meta: {} }
  const member = { path: `pkg/m${index}.py`, status: 'modified', left: side, right: side, changed: [] } as unknown as MemberComparison
  return { node: { kind: 'member', name: member.path, member, search: member.path }, depth: 0, parent: -1, position: index + 1, setSize: 30 }
}

describe('TreeList, first render (issue 9)', () => {
  it('draws rows before the virtualiser has measured its scroll box, so the first tree row does not wait for a second render', () => {
    const rows = Array.from({ length: 30 }, (_, index) => row(index))
    const html = renderToString(createElement(TreeList, { rows, collapsed: new Set<string>(), selected: -1, causesOf: () => undefined, activate: () => undefined, setOpen: () => undefined }))
    const drawn = html.match(/data-testid="member-row"/g)?.length ?? 0
    expect(drawn).toBeGreaterThan(0)
    // Still virtualised: at most the view's assumed height in rows plus the overscan on each side.
    expect(drawn).toBeLessThanOrEqual(30)
    expect(html).toContain('data-path="pkg/m0.py"')
  })
})
