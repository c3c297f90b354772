/**
 * The page's state as a URL fragment, and back (docs/links.md is the contract). The fragment is never sent to a
 * server (RFC 3986 §3.5: it is resolved by the user agent), so a link carries the comparison without uploading
 * anything: each side's name, size and SHA-256 (and its URL when it was loaded from one), the open member and the
 * view options. Plain data, no DOM.
 *
 *   #v=1&l=<name>,<size>,<sha256>[,<url>]&r=…&m=<member path>&p=<panel>&d=<layout>&u=<0|1>&o=<order>&hi=<0|1>&hm=<0|1>
 *
 * Every value is encodeURIComponent'ed (a side's parts each on their own, so a comma or an `&` in a hostile name
 * stays inside its field). A link is opened by someone other than its author, so decoding trusts nothing: it never
 * throws, and whatever it cannot take becomes a coded problem the page shows.
 */
import type { Side } from '../core/types-public'
import type { Panel } from './diff-store'
import type { TreeSort } from './tree-filter'
import type { DiffLayout } from './view-prefs'

export const LINK_VERSION = 1
/** Far above any real link (a long member path is a few hundred characters); a bigger fragment is refused unread. */
export const MAX_LINK_CHARACTERS = 16 * 1024

export type LinkProblemCode =
  /** No `v=` first, or a version this page does not read. */
  | 'LINK_VERSION'
  /** Not `key=value` pairs, a field given twice, or a value that is not valid percent-encoded UTF-8. */
  | 'LINK_MALFORMED'
  /** Over MAX_LINK_CHARACTERS. */
  | 'LINK_TOO_LONG'
  /** A side missing, or not `name,size,sha256[,url]`. */
  | 'LINK_SIDE'
  /** A side's URL is not one the page may fetch (https:, or http: on loopback, without credentials). */
  | 'LINK_URL'
  /** A view option with a value this page does not know: dropped, the rest of the link kept. */
  | 'LINK_OPTION'
  /** The member the link opens is not in the comparison (found once the files are compared). */
  | 'LINK_MEMBER'

export interface LinkProblem {
  code: LinkProblemCode
  message: string
}

export interface LinkSide {
  name: string
  size: number
  /** Lowercase hex. */
  sha256: string
  /** Where the side was downloaded from; the link's reader fetches it only on a click. */
  url?: string
}

/** The view options a link carries; an absent one leaves the reader's own setting. */
export interface LinkView {
  panel?: Panel
  layout?: DiffLayout
  collapseUnchanged?: boolean
  sort?: TreeSort
  hideIdentical?: boolean
  hideMetadataOnly?: boolean
}

export interface LinkState {
  left: LinkSide
  right: LinkSide
  member: string | null
  view: LinkView
}

export type DecodedLink =
  | { kind: 'none' }
  | { kind: 'problem'; problem: LinkProblem }
  | { kind: 'link'; link: LinkState; notes: LinkProblem[] }

const SIDE_KEY: Record<Side, string> = { left: 'l', right: 'r' }
const SHA256 = /^[0-9a-f]{64}$/
const SIZE = /^(0|[1-9][0-9]{0,15})$/
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/** One view option: its key in the fragment, and its values as written. */
interface ViewOption<K extends keyof LinkView> {
  field: K
  key: string
  values: Record<string, NonNullable<LinkView[K]>>
}
const flag = { 1: true, 0: false } as const
const VIEW_OPTIONS: readonly ViewOption<keyof LinkView>[] = [
  { field: 'panel', key: 'p', values: { causes: 'causes', package: 'package', archive: 'archive', member: 'member', map: 'map' } },
  { field: 'layout', key: 'd', values: { 'side-by-side': 'side-by-side', inline: 'inline' } },
  { field: 'collapseUnchanged', key: 'u', values: flag },
  { field: 'sort', key: 'o', values: { path: 'path', status: 'status', change: 'change' } },
  { field: 'hideIdentical', key: 'hi', values: flag },
  { field: 'hideMetadataOnly', key: 'hm', values: flag },
]

class LinkFailure extends Error {
  constructor(readonly problem: LinkProblem) {
    super(problem.message)
  }
}
function refuse(code: LinkProblemCode, message: string): never {
  throw new LinkFailure({ code, message })
}

function encodeSide(side: LinkSide): string {
  const parts = [side.name, String(side.size), side.sha256]
  if (side.url) parts.push(side.url)
  return parts.map(encodeURIComponent).join(',')
}

/** The fragment for a state, without its `#`; the same state always gives the same text. */
export function encodeLink(state: LinkState): string {
  const fields: [string, string][] = [['v', String(LINK_VERSION)], ['l', encodeSide(state.left)], ['r', encodeSide(state.right)]]
  if (state.member !== null) fields.push(['m', encodeURIComponent(state.member)])
  for (const option of VIEW_OPTIONS) {
    const value = state.view[option.field]
    const written = Object.keys(option.values).find((text) => option.values[text] === value)
    if (value !== undefined && written !== undefined) fields.push([option.key, written])
  }
  return fields.map(([key, value]) => `${key}=${value}`).join('&')
}

function decodePart(text: string, what: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    refuse('LINK_MALFORMED', `The link's ${what} is not valid percent-encoded UTF-8`)
  }
}

/** The raw (still encoded) fields by key; a key given twice is refused, as either reading would be a guess. */
function splitFields(fragment: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const pair of fragment.split('&')) {
    if (pair === '') continue
    const at = pair.indexOf('=')
    if (at <= 0) refuse('LINK_MALFORMED', 'The link is not a list of name=value fields')
    const key = pair.slice(0, at)
    if (fields.has(key)) refuse('LINK_MALFORMED', `The link gives its field ${JSON.stringify(decodePart(key, 'field name'))} twice`)
    fields.set(key, pair.slice(at + 1))
  }
  return fields
}

/** Why a URL may not be a link's side (what the page's CSP lets it fetch: https:, or http: on loopback), or null. */
function urlRefusal(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return 'is not a URL'
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return `is not https:// (or http:// on this machine): ${JSON.stringify(text)}`
  // Credentials in a link would be sent to a host its reader never chose.
  if (url.username || url.password) return 'carries a user name or password'
  return null
}

/** Whether a side's URL can go into a link (the page writes only links it can read back). */
export function isFetchableUrl(text: string): boolean {
  return urlRefusal(text) === null
}

function checkUrl(text: string, side: Side): string {
  const refusal = urlRefusal(text)
  if (refusal !== null) refuse('LINK_URL', `The ${side} side's URL in the link ${refusal}`)
  return text
}

function decodeSide(fields: Map<string, string>, side: Side): LinkSide {
  const raw = fields.get(SIDE_KEY[side])
  if (raw === undefined) refuse('LINK_SIDE', `The link names no ${side} file`)
  const parts = raw.split(',').map((part) => decodePart(part, `${side} side`))
  if (parts.length < 3 || parts.length > 4) refuse('LINK_SIDE', `The link's ${side} side is not name, size and SHA-256 (and an optional URL)`)
  const [name, size, sha256, url] = parts
  if (name === '') refuse('LINK_SIDE', `The link's ${side} side has no file name`)
  if (!SIZE.test(size) || !Number.isSafeInteger(Number(size))) refuse('LINK_SIDE', `The link's ${side} size is not a whole number of bytes: ${JSON.stringify(size)}`)
  if (!SHA256.test(sha256)) refuse('LINK_SIDE', `The link's ${side} SHA-256 is not 64 lowercase hex digits: ${JSON.stringify(sha256)}`)
  const decoded: LinkSide = { name, size: Number(size), sha256 }
  if (url !== undefined) decoded.url = checkUrl(url, side)
  return decoded
}

function decodeView(fields: Map<string, string>, notes: LinkProblem[]): LinkView {
  const view: Record<string, unknown> = {}
  for (const option of VIEW_OPTIONS) {
    const raw = fields.get(option.key)
    if (raw === undefined) continue
    const text = decodePart(raw, 'view options')
    if (Object.hasOwn(option.values, text)) view[option.field] = option.values[text]
    else notes.push({ code: 'LINK_OPTION', message: `The link's view option ${option.key}=${JSON.stringify(text)} is not one this page knows; it was left as it is here` })
  }
  return view as LinkView
}

/**
 * Reads a fragment (with or without its `#`): no link (empty, or an ordinary anchor), a link with notes about
 * options it dropped, or the one problem that makes it unusable. Never throws.
 */
export function decodeLink(fragment: string): DecodedLink {
  const text = fragment.startsWith('#') ? fragment.slice(1) : fragment
  if (!text.includes('=')) return { kind: 'none' }
  try {
    if (text.length > MAX_LINK_CHARACTERS) refuse('LINK_TOO_LONG', `The link is ${text.length} characters long, over the ${MAX_LINK_CHARACTERS} this page reads`)
    const fields = splitFields(text)
    // An anchor of some other kind (`#a=b`) is no link; one that names a side but no version is a bad link.
    if (!fields.has('v') && !fields.has(SIDE_KEY.left) && !fields.has(SIDE_KEY.right)) return { kind: 'none' }
    const version = fields.get('v')
    if (version === undefined) refuse('LINK_VERSION', 'The link does not say which version of the link format it is (v=…)')
    if (version !== String(LINK_VERSION)) refuse('LINK_VERSION', `The link is version ${JSON.stringify(decodePart(version, 'version'))}; this page reads version ${LINK_VERSION}`)
    const notes: LinkProblem[] = []
    const raw = fields.get('m')
    const link: LinkState = {
      left: decodeSide(fields, 'left'),
      right: decodeSide(fields, 'right'),
      member: raw === undefined ? null : decodePart(raw, 'member path'),
      view: decodeView(fields, notes),
    }
    return { kind: 'link', link, notes }
  } catch (thrown) {
    if (thrown instanceof LinkFailure) return { kind: 'problem', problem: thrown.problem }
    return { kind: 'problem', problem: { code: 'LINK_MALFORMED', message: 'The link could not be read' } }
  }
}
