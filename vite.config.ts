import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // Relative asset and worker URLs: dist/ works under any sub-path (e.g. /tools/reprodiff/).
  base: './',
  plugins: [react()],
  // Module workers; their dynamic imports become lazy chunks.
  worker: { format: 'es' },
  build: {
    // Monaco's editor core alone is about 3 MB minified; it loads on first use, in its own chunk.
    chunkSizeWarningLimit: 4000,
    target: 'es2022',
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
})
