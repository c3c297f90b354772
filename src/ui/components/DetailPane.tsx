import type { KeyboardEvent, ReactNode } from 'react'
import type { Report } from '../../core/types-public'
import { findMember, useDiffStore, type Panel } from '../../store/diff-store'
import { ArchivePanel } from './ArchivePanel'
import { FindingsPanel } from './FindingsPanel'
import { MemberDetail } from './MemberDetail'
import { OverviewMap } from './OverviewMap'
import { PackagePanel } from './PackagePanel'

interface Tab {
  panel: Panel
  label: ReactNode
  content: ReactNode
}

/** The overview map's tab (a squarified treemap of the comparison, OverviewMap.tsx). */
const MAP_PANEL: Panel = 'map'

function baseName(path: string): string {
  return path.replace(/\/$/, '').split('/').pop() || path
}

/**
 * The right-hand pane: tabs for the causes, the package, the archive fields and the selected member,
 * so the tree keeps its height at 1280×800. Every panel stays mounted (hidden when not shown): Monaco
 * keeps its models, and a tab switch costs nothing.
 */
export function DetailPane({ report }: { report: Report }) {
  const panel = useDiffStore((state) => state.panel)
  const showPanel = useDiffStore((state) => state.showPanel)
  const selectedPath = useDiffStore((state) => state.selectedPath)
  const selected = selectedPath === null ? undefined : findMember(report, selectedPath)
  const security = report.findings.filter((finding) => finding.severity === 'security').length
  const primary = report.findings.filter((finding) => !finding.derived).length

  const tabs: Tab[] = [
    {
      panel: 'causes',
      label: <>Why they differ <span className={`tab-count${security ? ' is-security' : ''}`}>{security ? `⚠ ${primary}` : primary}</span></>,
      content: <FindingsPanel report={report} />,
    },
    ...(report.package ? [{
      panel: 'package' as const,
      label: <>Package <span className="tab-count">{report.package.fields.length}</span></>,
      content: <PackagePanel pkg={report.package} />,
    }] : []),
    {
      panel: 'archive',
      label: <>Archive <span className="tab-count">{report.archive.length}</span></>,
      content: <ArchivePanel differences={report.archive} findings={report.findings} />,
    },
    {
      panel: MAP_PANEL,
      label: 'Map',
      // Mounted only while shown: a pair nobody looks at as a map never pays for its layout.
      content: panel === MAP_PANEL ? <OverviewMap report={report} /> : null,
    },
    {
      panel: 'member',
      label: selected ? <>Member: <span className="tab-member">{baseName(selected.path)}</span></> : 'Member',
      content: <MemberDetail report={report} />,
    },
  ]
  // A report without a package has no package tab; fall back to the causes.
  const active = tabs.some((tab) => tab.panel === panel) ? panel : 'causes'

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key]
    if (step === undefined) return
    event.preventDefault()
    const position = tabs.findIndex((tab) => tab.panel === active)
    const next = tabs[(position + step + tabs.length) % tabs.length]
    showPanel(next.panel)
    document.getElementById(`tab-${next.panel}`)?.focus()
  }

  return (
    <section className="detail-pane">
      <div className="tabs" role="tablist" aria-label="Details" onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button key={tab.panel} id={`tab-${tab.panel}`} type="button" role="tab" className="tab" data-testid={`tab-${tab.panel}`}
            aria-selected={tab.panel === active} aria-controls={`tabpanel-${tab.panel}`} tabIndex={tab.panel === active ? 0 : -1}
            onClick={() => showPanel(tab.panel)}>
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.panel} id={`tabpanel-${tab.panel}`} role="tabpanel" aria-labelledby={`tab-${tab.panel}`}
          className={`tab-panel tab-panel-${tab.panel}`} hidden={tab.panel !== active}>
          {tab.content}
        </div>
      ))}
    </section>
  )
}
