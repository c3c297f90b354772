import type { MemberComparison, MemberSideReport } from '../../core/types-public'

function describe(side: MemberSideReport | null): string {
  if (!side) return '— (absent)'
  if (side.type === 'symlink' || side.type === 'hardlink') return `${side.type} → ${side.linkTarget ?? '(no target)'}`
  return side.type
}

/** A link's "content" is its target: show both targets instead of two empty editors. */
export function LinkSummary({ member }: { member: MemberComparison }) {
  const left = describe(member.left)
  const right = describe(member.right)
  const differs = member.left !== null && member.right !== null && left !== right
  return (
    <section className="link-summary" data-testid="link-summary" aria-label="Link target">
      <table className="compare-table">
        <thead>
          <tr><th scope="col" /><th scope="col">left</th><th scope="col">right</th></tr>
        </thead>
        <tbody>
          <tr className={differs ? 'is-changed' : ''}>
            <th scope="row">link</th><td>{left}</td><td>{right}</td>
          </tr>
        </tbody>
      </table>
    </section>
  )
}
