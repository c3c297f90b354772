import { useState, type FormEvent } from 'react'
import type { Side } from '../../core/types-public'
import { useDiffStore } from '../../store/diff-store'
import { useSourceStore, type IndexKind, type SideDownload } from '../../store/sources'
import { ErrorMessage } from './ErrorMessage'
import '../sources.css'

/** The index both sides fetch from: its kind and base URL (a mirror, devpi, a local proxy). */
export function IndexSettings() {
  const kind = useSourceStore((state) => state.indexKind)
  const base = useSourceStore((state) => state.indexBase)
  const setIndex = useSourceStore((state) => state.setIndex)
  return (
    <div className="index-settings">
      <label>
        Index
        <select value={kind} onChange={(event) => setIndex(event.target.value as IndexKind)} data-testid="index-kind">
          <option value="python">Python index</option>
          <option value="npm">npm registry</option>
        </select>
      </label>
      <input type="url" aria-label="Index base URL" data-testid="index-base" value={base} spellCheck={false} onChange={(event) => setIndex(kind, event.target.value)} />
    </div>
  )
}

function DigestStatus({ side, download, expected }: { side: Side; download: SideDownload; expected: string }) {
  const ok = download.source?.digestOk
  const published = download.source?.publishedDigest
  let text = ''
  if (ok === true) text = `✔ matches ${expected.trim() ? 'the expected digest' : 'the published digest'}${published && expected.trim() ? ' and the published one' : ''}`
  else if (ok === false) text = `✘ does not match ${[published && 'the published digest', download.source?.expectedDigest && 'the expected digest'].filter(Boolean).join(' or ')}`
  else if (download.status === 'done' && !published && !expected.trim()) text = 'no digest published: not checked'
  return (
    <span className={`digest-status${ok === true ? ' is-ok' : ok === false ? ' is-bad' : ''}`} data-testid={`digest-status-${side}`} data-ok={ok === undefined ? undefined : String(ok)} title={published ?? undefined}>
      {text}
    </span>
  )
}

const BUSY = new Set(['listing', 'downloading', 'checking'])

function Progress({ side, download }: { side: Side; download: SideDownload }) {
  const cancel = useSourceStore((state) => state.cancel)
  // One Cancel button on the page (it stops both sides): the right side's shows only when the left is not busy.
  const leftBusy = useSourceStore((state) => BUSY.has(state.sides.left.status))
  if (!BUSY.has(download.status)) return null
  const what = download.status === 'listing' ? 'Asking the index' : download.status === 'checking' ? 'Checking the digest of' : 'Downloading'
  return (
    <div className="download-progress" role="status">
      <span>{what} {download.url}{download.received ? ` (${download.received}${download.total ? ` of ${download.total}` : ''} bytes)` : ''}</span>
      {download.total ? <progress max={download.total} value={download.received} /> : null}
      {(side === 'left' || !leftBusy) && <button type="button" className="button small" data-testid="download-cancel" onClick={cancel}>Cancel</button>}
    </div>
  )
}

/**
 * One side's published-artefact inputs: a URL, or a project, version and file of the index; the digest it must
 * have. Nothing is fetched until the Fetch button is pressed.
 */
export function SourceInputs({ side }: { side: Side }) {
  const download = useSourceStore((state) => state.sides[side])
  const expected = useSourceStore((state) => state.expected[side])
  const kind = useSourceStore((state) => state.indexKind)
  const { setExpected, fetchSide, listFiles } = useSourceStore.getState()
  const setFile = useDiffStore((state) => state.setFile)
  const limits = useDiffStore((state) => state.limits)
  const [url, setUrl] = useState('')
  const [project, setProject] = useState('')
  const [version, setVersion] = useState('')
  const [filename, setFilename] = useState('')
  const [hint, setHint] = useState<string | null>(null)
  // The release whose files were listed: a file chosen from that list is fetched as listed, without asking again.
  const [listedFor, setListedFor] = useState('')
  const hasFile = useDiffStore((state) => state.files[side] !== null)
  const base = useSourceStore((state) => state.indexBase)

  const load = async (file: File | null) => {
    if (file) setFile(side, file)
  }
  const onFetch = async (event: FormEvent) => {
    event.preventDefault()
    setHint(null)
    if (url.trim()) return load(await fetchSide(side, { kind: 'url', url: url.trim() }, limits))
    if (!project.trim() || !version.trim()) return setHint('Give a URL, or a project and a version.')
    if (kind === 'npm') return load(await fetchSide(side, { kind: 'npm', name: project.trim(), version: version.trim() }, limits))
    const release = `${base}\n${project.trim()}\n${version.trim()}`
    const listed = listedFor === release ? download.releaseFiles.find((file) => file.filename === filename.trim()) : undefined
    if (listed) return load(await fetchSide(side, listed, limits))
    if (filename.trim()) return load(await fetchSide(side, { kind: 'pypi', project: project.trim(), version: version.trim(), filename: filename.trim() }, limits))
    const files = await listFiles(side, project.trim(), version.trim())
    setListedFor(release)
    if (files.length === 1) return load(await fetchSide(side, files[0], limits))
    if (files.length > 1) setHint(`This release has ${files.length} files: choose one in the File field, then Fetch.`)
  }
  const listId = `index-files-${side}`
  return (
    <form className="source-inputs" onSubmit={(event) => void onFetch(event)} aria-label={`Fetch the ${side} side`}>
      {/* Open while the side has no file; folded to one line once it has one, so the comparison stays in view. */}
      <details className="source-fetch" key={hasFile ? 'has-file' : 'no-file'} open={!hasFile}>
      <summary>Fetch from a URL or an index</summary>
      <input type="url" className="source-url" placeholder="or a URL: https://…/file.whl" aria-label={`${side} URL`} data-testid={`url-${side}`} value={url} spellCheck={false} onChange={(event) => setUrl(event.target.value)} />
      <div className="source-index">
        <input aria-label={`${side} project`} placeholder={kind === 'npm' ? 'package' : 'project'} data-testid={`index-project-${side}`} value={project} spellCheck={false} onChange={(event) => setProject(event.target.value)} />
        <input aria-label={`${side} version`} placeholder="version" data-testid={`index-version-${side}`} value={version} spellCheck={false} onChange={(event) => setVersion(event.target.value)} />
        <input aria-label={`${side} file`} placeholder={kind === 'npm' ? '(the tarball)' : 'file (listed once fetched)'} list={listId} disabled={kind === 'npm'} data-testid={`index-file-${side}`} value={filename} spellCheck={false} onChange={(event) => setFilename(event.target.value)} />
        <datalist id={listId}>{download.releaseFiles.map((file) => <option key={file.filename} value={file.filename} />)}</datalist>
        <button type="submit" className="button small" data-testid={`url-fetch-${side}`} disabled={BUSY.has(download.status)}>Fetch</button>
      </div>
      {side === 'left' && <IndexSettings />}
      </details>
      <div className="source-digest">
        <input aria-label={`${side} expected digest`} placeholder="expected sha256 or sha512-… (optional)" data-testid={`digest-${side}`} value={expected} spellCheck={false} onChange={(event) => setExpected(side, event.target.value)} />
        <DigestStatus side={side} download={download} expected={expected} />
      </div>
      {download.releaseFiles.length > 1 && !filename && <p className="source-hint">Files: {download.releaseFiles.map((file) => file.filename).join(', ')}</p>}
      {hint && <p className="source-hint" role="status">{hint}</p>}
      {download.status === 'done' && download.source?.url && <p className="source-hint">From {new URL(download.source.url).host}</p>}
      <Progress side={side} download={download} />
      {download.error && download.error.code !== 'CANCELLED' && <ErrorMessage title="Not fetched." error={download.error} testId={`source-error-${side}`} />}
    </form>
  )
}
