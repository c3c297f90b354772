/**
 * Page weight before the first comparison (issue 9, docs/performance.md): what the page and the compare worker
 * import statically is what they load at start. These tests follow the static imports (not `import type`, not
 * `import()`) from each entry and check that the heavy parts stay behind a dynamic import, so they load on first use.
 */
import { readFileSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../..')

/** `import … from 'x'` and `export … from 'x'`, without `import type`/`export type` (erased) and without `import()`. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm

function resolveLocal(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.(ts|tsx)$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return null
}

/** Every file and package an entry loads statically (a work list, no recursion). */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>()
  const work = [resolve(ROOT, entry)]
  while (work.length > 0) {
    const file = work.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    for (const match of readFileSync(file, 'utf8').matchAll(STATIC_IMPORT)) {
      const specifier = match[1]
      if (!specifier.startsWith('.')) {
        seen.add(`package:${specifier}`)
        continue
      }
      const local = resolveLocal(file, specifier)
      if (local) work.push(local)
    }
  }
  return new Set([...seen].map((name) => (name.startsWith('package:') ? name : name.slice(ROOT.length + 1))))
}

describe('the compare worker at start', () => {
  const graph = staticGraph('src/worker/compare.worker.ts')

  it('loads the zip and tar reading path that the warm-up warms', () => {
    expect(graph).toContain('src/core/archive/zip.ts')
    expect(graph).toContain('src/core/archive/tar.ts')
    expect(graph).toContain('src/core/compare/compare-artifacts.ts')
    expect(graph).toContain('src/core/warm-up.ts')
  })

  it.each(['xz-decompress', 'fzstd', 'unbzip2-stream/lib/bzip2.js'])('does not load the %s decoder', (name) => {
    expect(graph).not.toContain(`package:${name}`)
  })

  it.each(['src/core/archive/xz.ts', 'src/core/archive/bzip2.ts', 'src/core/archive/zstd.ts', 'src/core/archive/lzma.ts'])('does not load %s', (file) => {
    expect(graph).not.toContain(file)
  })

  it('does not load the binary parsers or the explanation rules', () => {
    const heavy = [...graph].filter((file) => file.startsWith('src/core/binary/') || file.startsWith('src/core/analyze/'))
    expect(heavy).toEqual([])
  })
})

describe('the page at start', () => {
  const graph = staticGraph('src/main.tsx')

  it('draws the drop zones', () => {
    expect(graph).toContain('src/ui/components/DropZone.tsx')
  })

  it.each(['MemberTree', 'DetailPane', 'OverviewMap', 'HexView', 'BinaryStructureView', 'ContentView'])('does not load %s before a comparison', (name) => {
    expect(graph).not.toContain(`src/ui/components/${name}.tsx`)
  })

  it.each(['monaco-editor', 'jszip', '@tanstack/react-virtual'])('does not load %s', (name) => {
    expect([...graph].filter((file) => file === `package:${name}` || file.startsWith(`package:${name}/`))).toEqual([])
  })
})
