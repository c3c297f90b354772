/**
 * Python-aware comparison: the wheel file name, WHEEL, METADATA or PKG-INFO and entry_points.txt read as
 * data (field by field, repeatable fields as multisets), and each wheel's RECORD verified against the
 * sizes and SHA-256 hashes actually read.
 */
import { compareCoreMetadata, fieldValues, parseCoreMetadata, type CoreMetadata } from '../python/core-metadata'
import { parseEntryPoints } from '../python/entry-points'
import { isRecordSelfOrSignature, parseRecord, recordHashFromHex } from '../python/record'
import { parseSdistFilename, parseWheelFilename } from '../python/wheel-filename'
import { RECORD_ROW_ORDER, type ArtifactReading, type PackageComparison, type PackageFieldDifference, type PackageSide, type RecordCheck } from '../types'
import { decodeUtf8OrEscape } from '../util/text'
import { pairingKeys } from './pair-members'
import { isSourceMetadataPath } from '../trace/retained'

/** Package metadata worth keeping while reading: small, and read as data rather than as text. */
const METADATA_FILE = /(^|\/)([^/]+\.dist-info\/(METADATA|WHEEL|RECORD|entry_points\.txt|top_level\.txt)|PKG-INFO|[^/]+\.egg-info\/entry_points\.txt)$/
const MAX_RETAINED = 8 * 1024 * 1024

export function isPackageMetadataPath(path: string, size: number): boolean {
  // The source trace's texts too (trace/retained.ts): one retention rule for every reader.
  return (size <= MAX_RETAINED && METADATA_FILE.test(path)) || isSourceMetadataPath(path, size)
}

interface SideFiles {
  reading: ArtifactReading
  /** Retained text by pairing key (`pkg.dist-info/METADATA`, `PKG-INFO`, …). */
  texts: Map<string, { path: string; text: string }>
}

function sideFiles(reading: ArtifactReading): SideFiles {
  const texts = new Map<string, { path: string; text: string }>()
  const retained = Object.entries(reading.retained ?? {})
  // Keys are made for every member (a copy number depends on them all): only when some text was kept.
  if (retained.length === 0) return { reading, texts }
  const keys = pairingKeys(reading.members)
  for (const [index, bytes] of retained) {
    const member = reading.members[Number(index)]
    texts.set(keys[Number(index)], { path: member.path, text: decodeUtf8OrEscape(bytes) })
  }
  return { reading, texts }
}

function findText(files: SideFiles, pattern: RegExp): { key: string; path: string; text: string } | null {
  for (const [key, value] of files.texts) if (pattern.test(key)) return { key, ...value }
  return null
}

const WHEEL_FILE = /^[^/]+\.dist-info\/WHEEL$/
const WHEEL_METADATA = /^[^/]+\.dist-info\/METADATA$/
const WHEEL_RECORD = /^[^/]+\.dist-info\/RECORD$/
const WHEEL_ENTRY_POINTS = /^[^/]+\.dist-info\/entry_points\.txt$/
const SDIST_PKG_INFO = /^PKG-INFO$/
const SDIST_ENTRY_POINTS = /^([^/]+\/)*[^/]+\.egg-info\/entry_points\.txt$/

function describeSide(files: SideFiles): { side: PackageSide; metadata: CoreMetadata | null; wheel: CoreMetadata | null; metadataSource: string } {
  const wheelFile = findText(files, WHEEL_FILE)
  const wheelName = parseWheelFilename(files.reading.name)
  const isWheel = Boolean(wheelFile || wheelName)
  const metadataFile = findText(files, isWheel ? WHEEL_METADATA : SDIST_PKG_INFO)
  const metadata = metadataFile ? parseCoreMetadata(metadataFile.text) : null
  const wheel = wheelFile ? parseCoreMetadata(wheelFile.text) : null
  const sdistName = parseSdistFilename(files.reading.name)
  const isSdist = !isWheel && Boolean(metadataFile || sdistName)
  const first = (meta: CoreMetadata | null, field: string) => (meta ? fieldValues(meta, field)[0] ?? null : null)
  const recordFile = isWheel ? findText(files, WHEEL_RECORD) : null
  return {
    side: {
      kind: isWheel ? 'wheel' : isSdist ? 'sdist' : null,
      name: first(metadata, 'Name') ?? wheelName?.distribution ?? sdistName?.distribution ?? null,
      version: first(metadata, 'Version') ?? wheelName?.version ?? sdistName?.version ?? null,
      generator: first(wheel, 'Generator'),
      metadataVersion: first(metadata, 'Metadata-Version'),
      record: recordFile ? checkRecord(files.reading, recordFile.path, recordFile.text) : null,
    },
    metadata,
    wheel,
    metadataSource: isWheel ? 'METADATA' : 'PKG-INFO',
  }
}

/** Verifies every RECORD row against the member read under that path, and lists members RECORD omits. */
export function checkRecord(reading: ArtifactReading, recordPath: string, text: string): RecordCheck {
  const rows = parseRecord(text)
  const files = new Map(reading.members.filter((m) => m.type === 'file' || m.type === 'symlink').map((m) => [m.path, m]))
  const check: RecordCheck = { path: recordPath, rows: rows.length, hashMismatch: [], sizeMismatch: [], listedButMissing: [], notListed: [], unverified: [] }
  const listed = new Set<string>()
  for (const row of rows) {
    listed.add(row.path)
    const member = files.get(row.path)
    if (!member) {
      check.listedButMissing.push(row.path)
      continue
    }
    if (row.hash && !row.hash.startsWith('sha256=')) check.unverified.push(row.path)
    if (row.hash && member.sha256 && row.hash.startsWith('sha256=') && row.hash !== recordHashFromHex(member.sha256)) {
      check.hashMismatch.push({ path: row.path, listed: row.hash, actual: recordHashFromHex(member.sha256) })
    }
    if (row.size && Number(row.size) !== member.size) check.sizeMismatch.push({ path: row.path, listed: row.size, actual: member.size })
  }
  for (const path of files.keys()) if (!listed.has(path) && !isRecordSelfOrSignature(path)) check.notListed.push(path)
  return check
}

function compareFilenames(left: ArtifactReading, right: ArtifactReading): PackageFieldDifference[] {
  const a: Record<string, string | null> | null = parseWheelFilename(left.name) ?? parseSdistFilename(left.name)
  const b: Record<string, string | null> | null = parseWheelFilename(right.name) ?? parseSdistFilename(right.name)
  if (!a || !b) return []
  return Object.keys({ ...a, ...b })
    .filter((field) => (a[field] ?? null) !== (b[field] ?? null))
    .map((field) => ({ source: 'file name', field, left: [a[field] ?? ''], right: [b[field] ?? ''], orderOnly: false }))
}

function compareEntryPoints(left: SideFiles, right: SideFiles): PackageFieldDifference[] {
  const pattern = (files: SideFiles) => findText(files, WHEEL_ENTRY_POINTS) ?? findText(files, SDIST_ENTRY_POINTS)
  const a = pattern(left)
  const b = pattern(right)
  if (!a && !b) return []
  const leftEntries = parseEntryPoints(a?.text ?? '')
  const rightEntries = parseEntryPoints(b?.text ?? '')
  const names = new Set([...leftEntries.keys(), ...rightEntries.keys()])
  return [...names]
    .filter((name) => leftEntries.get(name) !== rightEntries.get(name))
    .map((name) => ({ source: 'entry_points.txt', field: name, left: leftEntries.has(name) ? [leftEntries.get(name)!] : [], right: rightEntries.has(name) ? [rightEntries.get(name)!] : [], orderOnly: false }))
}

/** RECORD rows compared by path (dist-info version dropped), and their order separately. */
function compareRecordRows(left: SideFiles, right: SideFiles): PackageFieldDifference[] {
  const a = findText(left, WHEEL_RECORD)
  const b = findText(right, WHEEL_RECORD)
  if (!a || !b) return []
  const key = (path: string) => path.replace(/^([^/]+)-[^-/]+\.(dist-info|data)\//, '$1.$2/')
  const rows = (text: string) => parseRecord(text).map((row) => ({ key: key(row.path), value: `${row.hash},${row.size}` }))
  const leftRows = rows(a.text)
  const rightRows = rows(b.text)
  const leftMap = new Map(leftRows.map((row) => [row.key, row.value]))
  const rightMap = new Map(rightRows.map((row) => [row.key, row.value]))
  const differences: PackageFieldDifference[] = []
  for (const path of new Set([...leftMap.keys(), ...rightMap.keys()])) {
    if (leftMap.get(path) === rightMap.get(path)) continue
    differences.push({ source: 'RECORD', field: path, left: leftMap.has(path) ? [leftMap.get(path)!] : [], right: rightMap.has(path) ? [rightMap.get(path)!] : [], orderOnly: false })
  }
  const order = (list: { key: string }[]) => list.map((row) => row.key).filter((k) => leftMap.has(k) && rightMap.has(k)).join('\n')
  if (order(leftRows) !== order(rightRows)) differences.push({ source: 'RECORD', field: RECORD_ROW_ORDER, left: [], right: [], orderOnly: true })
  return differences
}


function withSource(source: string, differences: ReturnType<typeof compareCoreMetadata>): PackageFieldDifference[] {
  return differences.map((difference) => ({ source, ...difference }))
}

export function comparePackages(left: ArtifactReading, right: ArtifactReading): PackageComparison | null {
  const leftFiles = sideFiles(left)
  const rightFiles = sideFiles(right)
  const a = describeSide(leftFiles)
  const b = describeSide(rightFiles)
  if (!a.side.kind && !b.side.kind) return null
  const empty = parseCoreMetadata('')
  const fields = [
    ...compareFilenames(left, right),
    ...(a.wheel || b.wheel ? withSource('WHEEL', compareCoreMetadata(a.wheel ?? empty, b.wheel ?? empty)) : []),
    ...(a.metadata || b.metadata ? withSource(a.metadataSource, compareCoreMetadata(a.metadata ?? empty, b.metadata ?? empty)) : []),
    ...compareEntryPoints(leftFiles, rightFiles),
    ...compareRecordRows(leftFiles, rightFiles),
  ]
  return { left: a.side, right: b.side, fields }
}
