#!/usr/bin/env node
/**
 * Builds the CLI bundle that bin/reprodiff.mjs runs: dist-cli/reprodiff.mjs (the argument parser and help,
 * nothing else), dist-cli/side-worker.mjs (one side's reading, in a worker thread) and the chunks they share
 * (the core, loaded only when there is something to compare). npm packages stay external imports, resolved
 * from node_modules as the source would be. Run by npm's `prepare` (so the bundle exists right after
 * `npm ci`) and by `npm run build`; without it, or when anything under src/ is newer, the bin runs the
 * TypeScript through tsx instead (slower start, never stale).
 *   node scripts/build-cli.mjs [--out-dir DIR]
 */
import { writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const outIndex = process.argv.indexOf('--out-dir')
const outDir = outIndex >= 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'dist-cli')

// Any file under src/ changed after this moment is not (surely) in the bundle: bin/pick-entry.mjs compares with it.
const started = Date.now()
await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    // An SSR build targets Node and leaves the npm packages external.
    ssr: true,
    target: 'node20',
    outDir,
    emptyOutDir: true,
    minify: false,
    copyPublicDir: false,
    rollupOptions: {
      input: { reprodiff: join(root, 'src/cli/main.ts'), 'side-worker': join(root, 'src/cli/side-worker.ts') },
      output: { format: 'es', entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
})
writeFileSync(join(outDir, 'built.json'), `${JSON.stringify({ sourcesBefore: started })}\n`)
console.log(`reprodiff: CLI bundle written to ${outDir}`)
