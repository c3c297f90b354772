import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { defineConfig } from 'vitest/config'

/**
 * The Content-Security-Policy of the built page: scripts, workers, fonts and requests only from the page's
 * own origin, no plugins, no inline scripts, no eval. `'wasm-unsafe-eval'` lets the bundled xz decoder
 * (xz-decompress, WebAssembly; docs/performance.md) compile its module; it allows no JavaScript eval. Styles allow inline because Monaco and React set
 * style attributes and Monaco injects <style> elements. Build only: the dev server injects an inline
 * script for hot reload, which this policy forbids.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  // Published artefacts (src/core/source): the user's index cannot be known at build time, so any https: host and
  // loopback (a local devpi or proxy); a host narrows it with its own Content-Security-Policy header (README).
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

function contentSecurityPolicy(): Plugin {
  return {
    name: 'reprodiff-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  }
}

/**
 * src/core runs nothing when imported (plain functions and registries), and neither do the decoders it wraps, so
 * a module whose exports are unused is left out: the page imports core/index.ts (the boundary rule), and without
 * this every module behind it (readers, decoders, binary parsers) would load at start (docs/performance.md, page weight).
 */
const SIDE_EFFECT_FREE = [/\/src\/core\//, /\/node_modules\/(xz-decompress|fzstd|unbzip2-stream|fflate)\//]
function hasSideEffects(id: string): boolean {
  return !SIDE_EFFECT_FREE.some((pattern) => pattern.test(id.replaceAll('\\', '/')))
}

export default defineConfig({
  // Relative asset and worker URLs: dist/ works under any sub-path (e.g. /tools/reprodiff/).
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  // Module workers; their dynamic imports become lazy chunks.
  worker: { format: 'es' },
  build: {
    // Monaco's editor core alone is about 3 MB minified; it loads on first use, in its own chunk.
    chunkSizeWarningLimit: 4000,
    target: 'es2022',
    rollupOptions: { treeshake: { moduleSideEffects: hasSideEffects } },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
})
