/**
 * Acceptance check against a corpus of real artefact pairs with recorded ground truth
 * (manifest.json, as in the team's shared corpus). Not part of `npm test`: the corpus is not in the repo.
 *   npx tsx scripts/check-corpus.ts ../shared/corpus
 * Prints one line per pair and exits 1 if any pair's verdict or member statuses disagree.
 */
import { openAsBlob } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { compareArtifacts, type Report } from '../src/core/index'

/** Our field names → the manifest's vocabulary. */
const FIELD_NAMES: Record<string, string> = {
  paxHeaders: 'pax_headers', compressedSize: 'compressed_size', localExtra: 'local_extra', internalAttributes: 'internal_attr',
  dosAttributes: 'dos_attr', creatorSystem: 'create_system', creatorVersion: 'create_version', extractVersion: 'extract_version',
}

interface Truth {
  verdict: string
  only_in_a: string[]
  only_in_b: string[]
  content_differs: string[]
  metadata_only_differs: Record<string, string[]>
}

/** Python's tarfile drops the trailing slash of directory names; the archives store it. */
const trimSlash = (path: string) => path.replace(/\/$/, "")

/** The field a container entry gets when its bytes differ but every member inside has the same contents. */
const CONTAINER_CONTENT = 'content (container)'

/**
 * The report seen as the ground truth sees it: top-level entries only (the manifest does not look inside
 * nested archives), a container whose bytes differ counted as a content difference even when everything in it
 * is the same, and two containers that reprodiff pairs across a version rename counted as the manifest lists
 * them (one only in a, one only in b) when the manifest does so.
 */
function summarize(report: Report, truth: Truth) {
  const top = report.members.filter((m) => m.container === undefined)
  const renamedContainer = (m: Report['members'][number]) =>
    m.leftPath !== null && m.rightPath !== null && m.leftPath !== m.rightPath && truth.only_in_a.includes(trimSlash(m.leftPath)) && truth.only_in_b.includes(trimSlash(m.rightPath))
  const paired = top.filter((m) => !renamedContainer(m))
  const renamed = top.filter(renamedContainer)
  const byStatus = (status: string) => paired.filter((m) => m.status === status).map((m) => trimSlash(m.path))
  const metadata: Record<string, string[]> = {}
  const containersThatDiffer: string[] = []
  for (const member of paired.filter((m) => m.status === 'metadata')) {
    if (member.changed.includes(CONTAINER_CONTENT)) containersThatDiffer.push(trimSlash(member.path))
    else metadata[trimSlash(member.path)] = member.changed.map((field) => FIELD_NAMES[field] ?? field).sort()
  }
  return {
    only_in_a: [...byStatus('left-only'), ...renamed.map((m) => trimSlash(m.leftPath!))].sort(),
    only_in_b: [...byStatus('right-only'), ...renamed.map((m) => trimSlash(m.rightPath!))].sort(),
    content_differs: [...byStatus('modified'), ...containersThatDiffer].sort(),
    metadata,
  }
}

function diffLists(label: string, ours: string[], theirs: string[]): string[] {
  const extra = ours.filter((x) => !theirs.includes(x))
  const missing = theirs.filter((x) => !ours.includes(x))
  return extra.length || missing.length ? [`${label}: extra ${JSON.stringify(extra)} missing ${JSON.stringify(missing)}`] : []
}

async function checkPair(corpus: string, pair: any): Promise<string[]> {
  const source = async (file: string) => ({ name: basename(file), blob: await openAsBlob(join(corpus, file)) })
  const report = await compareArtifacts(await source(pair.files.a), await source(pair.files.b), { streamInflateThreshold: Infinity })
  const truth: Truth = { ...pair.ground_truth, ...(pair.ground_truth.after_version_renames ?? {}) }
  const ours = summarize(report, truth)
  const problems: string[] = []
  const expectedVerdict = truth.verdict === 'archive-level-only' ? 'metadata-only' : truth.verdict
  if (report.verdict !== expectedVerdict) problems.push(`verdict ${report.verdict}, expected ${expectedVerdict}`)
  problems.push(...diffLists('left-only', ours.only_in_a, truth.only_in_a))
  problems.push(...diffLists('right-only', ours.only_in_b, truth.only_in_b))
  problems.push(...diffLists('modified', ours.content_differs, truth.content_differs))
  problems.push(...diffLists('metadata', Object.keys(ours.metadata), Object.keys(truth.metadata_only_differs)))
  for (const [path, fields] of Object.entries(truth.metadata_only_differs)) {
    const mine = ours.metadata[path]
    if (mine) problems.push(...diffLists(`fields of ${path}`, mine.filter((f) => fields.includes(f) || !['extendedMtime', 'typeflag'].includes(f)), [...fields].sort()))
  }
  causesByPair.set(pair.id, [...new Set(report.findings.map((f) => `${f.cause}${f.derived ? ' (derived)' : ''}`))])
  return problems
}

const causesByPair = new Map<string, string[]>()

const corpus = process.argv[2]
if (!corpus) {
  console.error('usage: npx tsx scripts/check-corpus.ts <corpus dir with manifest.json>')
  process.exit(2)
}
const manifest = JSON.parse(await readFile(join(corpus, 'manifest.json'), 'utf8'))
let failed = 0
for (const pair of manifest.pairs) {
  const problems = await checkPair(corpus, pair)
  failed += problems.length ? 1 : 0
  console.log(`${problems.length ? 'FAIL' : 'ok  '} ${pair.id}`)
  for (const problem of problems.slice(0, 8)) console.log(`     ${problem.slice(0, 400)}`)
}
console.log(`${manifest.pairs.length - failed} of ${manifest.pairs.length} pairs agree with the ground truth`)
console.log('\nCauses found (reprodiff findings):')
for (const [id, causes] of causesByPair) console.log(`  ${id}: ${causes.join(', ') || '(none: identical)'}`)
process.exit(failed ? 1 : 0)
