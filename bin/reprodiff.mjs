#!/usr/bin/env node
// Runs the CLI. The prebuilt bundle (dist-cli/, made by `npm ci`'s prepare and `npm run build`) starts in
// about 50 ms; when it is missing or anything under src/ is newer, the TypeScript runs through tsx's loader
// instead (about 0.4 s more), so the CLI and the page always share one source of truth.
// REPRODIFF_DEBUG=1 says on stderr which one ran and why.
import { pickEntry } from './pick-entry.mjs'

const entry = pickEntry(new URL('../', import.meta.url))
if (process.env.REPRODIFF_DEBUG === '1') console.error(`reprodiff: running ${entry.kind === 'bundle' ? 'the bundle' : 'the source through tsx'} ${entry.url} (${entry.reason})`)
if (entry.kind === 'tsx') (await import('tsx/esm/api')).register()
const { main } = await import(entry.url)
process.exitCode = await main(process.argv.slice(2))
