/**
 * Which CLI bin/reprodiff.mjs runs: the prebuilt bundle (dist-cli/, scripts/build-cli.mjs) when nothing under
 * src/ changed after its build started, or else the TypeScript through tsx, so a developer or a test never
 * runs stale code. Plain Node and a quick walk (about 200 entries: a few milliseconds), done on every start.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The newest file or folder under `dir` (a folder's time changes when an entry is added, removed or renamed). */
function newestUnder(dir) {
  let newest = { path: dir, mtimeMs: statSync(dir).mtimeMs }
  const pending = [dir]
  while (pending.length > 0) {
    const folder = pending.pop()
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`
      const mtimeMs = statSync(path).mtimeMs
      if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs }
      if (entry.isDirectory()) pending.push(path)
    }
  }
  return newest
}

/** When the bundle's build started (its stamp, written last), or null when there is no complete bundle. */
function bundleBuiltAt(root) {
  try {
    return JSON.parse(readFileSync(new URL('dist-cli/built.json', root), 'utf8')).sourcesBefore ?? null
  } catch {
    return null
  }
}

/**
 * `root`: the project folder as a file URL ending in '/'. Returns the module to import (it exports `main`),
 * whether it is the bundle, and why.
 */
export function pickEntry(root) {
  const source = { kind: 'tsx', url: new URL('src/cli/main.ts', root).href }
  const builtAt = bundleBuiltAt(root)
  if (builtAt === null) return { ...source, reason: 'no bundle in dist-cli/ (npm run build:cli makes it)' }
  const rootPath = fileURLToPath(root)
  const newest = newestUnder(fileURLToPath(new URL('src', root)))
  if (newest.mtimeMs >= builtAt) return { ...source, reason: `${newest.path.slice(rootPath.length)} changed after the bundle was built` }
  return { kind: 'bundle', url: new URL('dist-cli/reprodiff.mjs', root).href, reason: 'built after every file under src/' }
}
