/**
 * What one side of a comparison names: a local path, a URL, a Python index release file
 * (`pypi:PROJECT==VERSION[:FILENAME]`) or an npm registry version (`npm:NAME@VERSION`). Parsing only: nothing
 * here fetches. Project names follow PEP 508 (letters, digits, `.`, `_`, `-`), versions PEP 440's characters;
 * npm names may be scoped (`@scope/name`, npm package.json "name").
 */

export type SideSpec =
  | { kind: 'path'; path: string }
  | { kind: 'url'; url: string }
  | { kind: 'pypi'; project: string; version: string; filename?: string }
  | { kind: 'npm'; name: string; version: string }

/** A spec, or why the text is none. */
export type ParsedSpec = SideSpec | { kind: 'invalid'; problem: string }

const PROJECT = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/
const VERSION = /^[A-Za-z0-9][A-Za-z0-9.!+_-]*$/
const NPM_NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/i
/** A release file name: no path separator, nothing a URL path would treat specially. */
const FILENAME = /^[^/\\?#]+$/

export function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text)
}

function parsePypi(rest: string): ParsedSpec {
  const at = rest.indexOf('==')
  if (at < 0) return { kind: 'invalid', problem: `pypi:${rest} needs a version: pypi:PROJECT==VERSION[:FILENAME]` }
  const project = rest.slice(0, at)
  const tail = rest.slice(at + 2)
  const colon = tail.indexOf(':')
  const version = colon < 0 ? tail : tail.slice(0, colon)
  const filename = colon < 0 ? undefined : tail.slice(colon + 1)
  if (!PROJECT.test(project)) return { kind: 'invalid', problem: `pypi: ${JSON.stringify(project)} is not a project name (PEP 508)` }
  if (!VERSION.test(version)) return { kind: 'invalid', problem: `pypi: ${JSON.stringify(version)} is not a version` }
  if (filename !== undefined && !FILENAME.test(filename)) return { kind: 'invalid', problem: `pypi: ${JSON.stringify(filename)} is not a file name` }
  return filename === undefined ? { kind: 'pypi', project, version } : { kind: 'pypi', project, version, filename }
}

function parseNpm(rest: string): ParsedSpec {
  // The version follows the last `@` that is not the scope's leading one.
  const at = rest.lastIndexOf('@')
  if (at <= 0) return { kind: 'invalid', problem: `npm:${rest} needs a version: npm:NAME@VERSION` }
  const name = rest.slice(0, at)
  const version = rest.slice(at + 1)
  if (!NPM_NAME.test(name)) return { kind: 'invalid', problem: `npm: ${JSON.stringify(name)} is not a package name` }
  if (!VERSION.test(version)) return { kind: 'invalid', problem: `npm: ${JSON.stringify(version)} is not a version` }
  return { kind: 'npm', name, version }
}

/** `https:`/`http:` URLs, `pypi:` and `npm:` specs; anything else is a local path. */
export function parseSideSpec(text: string): ParsedSpec {
  if (isUrl(text)) {
    try {
      return { kind: 'url', url: new URL(text).href }
    } catch {
      return { kind: 'invalid', problem: `${JSON.stringify(text)} is not a valid URL` }
    }
  }
  if (text.startsWith('pypi:')) return parsePypi(text.slice('pypi:'.length))
  if (text.startsWith('npm:')) return parseNpm(text.slice('npm:'.length))
  return { kind: 'path', path: text }
}

/** An index base URL as typed (`https://pypi.org/`, `http://127.0.0.1:3141/root/pypi`) without its trailing slashes. */
export function indexBase(text: string): string {
  return text.trim().replace(/\/+$/, '')
}
