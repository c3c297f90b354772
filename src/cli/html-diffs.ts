/**
 * The text diffs the HTML export includes (`--html FILE`): each member the core's plan names is read again on the
 * main thread from the reading its side worker made, as the page's workers do for the diff view
 * (readMemberContent, then describeContentPair under the text limit), one member at a time.
 */
import { openAsBlob } from 'node:fs'
import { basename } from 'node:path'
import type { ArtifactSource, HtmlDiff, Limits, MemberSideReport } from '../core/index'
import { NODE_KERNELS } from './node-kernels'
import { NODE_READ_OPTIONS } from './read-options'
import type { Compared } from './run'

export async function readTextDiffs(compared: Compared, paths: string[], limits: Partial<Limits>): Promise<HtmlDiff[]> {
  const core = await import('../core/index')
  const maxText = limits.maxTextBytes ?? core.DEFAULT_LIMITS.maxTextBytes
  const sources: ArtifactSource[] = await Promise.all(paths.map(async (path) => ({ name: basename(path), blob: await openAsBlob(path) })))
  const options = { ...NODE_READ_OPTIONS, kernels: NODE_KERNELS, limits }
  const read = (which: 0 | 1, side: MemberSideReport) =>
    core.readMemberContent(sources[which], compared.readings[which], side.index, options, side.containerIndexes ?? [])
  const diffs: HtmlDiff[] = []
  for (const plan of core.planTextDiffs(compared.report, maxText)) {
    if (!plan.read) {
      diffs.push(plan.diff)
      continue
    }
    const { member } = plan
    try {
      const pair = core.describeContentPair(await read(0, member.left!), await read(1, member.right!), maxText)
      diffs.push(core.textDiffOf(member.path, pair))
    } catch (error) {
      diffs.push(core.unreadDiff(member.path, error))
    }
  }
  return diffs
}
