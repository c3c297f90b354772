/** The import-boundary lint really rejects what ARCHITECTURE.md forbids, and accepts type-only imports. */
import { ESLint } from 'eslint'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: join(import.meta.dirname, '../..') })

async function errorsFor(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path })
  return result.messages.map((message) => message.ruleId ?? message.message)
}

describe('module boundaries', () => {
  it('rejects React, zustand and Monaco in core', async () => {
    expect(await errorsFor('src/core/compare/x.ts', "import { create } from 'zustand'\nexport const x = create")).toContain('no-restricted-imports')
    expect(await errorsFor('src/core/archive/x.ts', "import * as m from 'monaco-editor/editor'\nexport const x = m")).toContain('no-restricted-imports')
  })
  it('rejects core/archive importing core/compare', async () => {
    expect(await errorsFor('src/core/archive/x.ts', "import { pairMembers } from '../compare/pair-members'\nexport const x = pairMembers")).toContain('no-restricted-imports')
  })
  it('rejects runtime core imports in the UI but allows type-only ones', async () => {
    expect(await errorsFor('src/ui/X.tsx', "import { readArtifact } from '../core/index'\nexport const x = readArtifact")).toContain('no-restricted-imports')
    expect(await errorsFor('src/ui/X.tsx', "import type { Report } from '../core/types'\nexport type X = Report")).toEqual([])
  })
  it('keeps Monaco inside ui/editor', async () => {
    expect(await errorsFor('src/ui/components/X.tsx', "import * as m from 'monaco-editor/editor'\nexport const x = m")).toContain('no-restricted-imports')
    expect(await errorsFor('src/ui/editor/X.ts', "import * as m from 'monaco-editor/editor'\nexport const x = m")).toEqual([])
  })
})

describe('module boundaries of core/binary', () => {
  it('lets core/binary import only core/util and core/errors (core/types by type)', async () => {
    expect(await errorsFor('src/core/binary/x.ts', "import { Sha256 } from '../util/sha256-stream'\nimport { fail } from '../errors'\nimport type { Member } from '../types'\nexport const x = [Sha256, fail] as unknown as Member")).toEqual([])
    expect(await errorsFor('src/core/binary/x.ts', "import { readerFor } from '../archive/readers'\nexport const x = readerFor")).toContain('no-restricted-imports')
    expect(await errorsFor('src/core/binary/x.ts', "import { pairMembers } from '../compare/pair-members'\nexport const x = pairMembers")).toContain('no-restricted-imports')
    expect(await errorsFor('src/core/binary/x.ts', "import { explainDifferences } from '../analyze/explain'\nexport const x = explainDifferences")).toContain('no-restricted-imports')
    expect(await errorsFor('src/core/binary/x.ts', "import { create } from 'zustand'\nexport const x = create")).toContain('no-restricted-imports')
  })
  it('lets core/compare and core/analyze import core/binary, and keeps it out of core/archive and core/python', async () => {
    expect(await errorsFor('src/core/compare/x.ts', "import { parseBinary } from '../binary/registry'\nexport const x = parseBinary")).toEqual([])
    expect(await errorsFor('src/core/analyze/x.ts', "import { compareBinary } from '../binary/compare-binary'\nexport const x = compareBinary")).toEqual([])
    expect(await errorsFor('src/core/archive/x.ts', "import { parseBinary } from '../binary/registry'\nexport const x = parseBinary")).toContain('no-restricted-imports')
    expect(await errorsFor('src/core/python/x.ts', "import { parseBinary } from '../binary/registry'\nexport const x = parseBinary")).toContain('no-restricted-imports')
  })
})
