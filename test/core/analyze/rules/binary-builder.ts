/**
 * Hand-built BinaryComparisons and zipped binary fixtures for the binary explanation rules: a test states the
 * sections that differ (name, sizes, flags) and gets an ELF comparison shaped as compare-binary.ts writes it.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { BinaryComparison, BinarySectionComparison } from '../../../../src/core/binary/types'
import type { Report } from '../../../../src/core/index'
import { compareArtifacts } from '../../../../src/core/index'
import { writeZip } from '../../../e2e/zip-writer'
import { bytesSource } from '../../../fixture-files'

export interface SectionSpec {
  name: string
  left?: number
  right?: number
  /** sh_flags (SHF_STRINGS 0x20 for string sections); default 0. */
  flags?: number
  status?: BinarySectionComparison['status']
  changed?: string[]
}

function side(size: number, hash: string, flags: number) {
  return { size, sha256: hash.repeat(64), facts: { sh_type: 1, sh_flags: flags, sh_offset: 1000 } }
}

/** A section whose bytes differ (default) or, with `status: 'identical'`, equal. */
export function section(spec: SectionSpec): BinarySectionComparison {
  const status = spec.status ?? 'modified'
  const left = side(spec.left ?? 100, 'a', spec.flags ?? 0)
  const right = side(spec.right ?? spec.left ?? 100, status === 'identical' ? 'a' : 'b', spec.flags ?? 0)
  return { name: spec.name, status, left, right, ...(spec.changed ? { changed: spec.changed } : {}) }
}

export function elf(sections: BinarySectionComparison[], facts: BinaryComparison['facts'] = [], header: BinaryComparison['header'] = []): BinaryComparison {
  return { format: 'elf', header: [{ field: 'e_type', left: 3, right: 3 }, ...header], sections, facts }
}

export const BUILD_ID = [{ field: 'NT_GNU_BUILD_ID', left: '024e', right: '9f1c' }]

const FIXTURES = join(import.meta.dirname, '../../../fixtures/binaries')
const fixture = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)))

/** compareArtifacts over two zips made here, each holding one committed binary fixture under `name`. */
export async function zippedPair(leftFixture: string, rightFixture: string, name: string): Promise<Report> {
  const zip = (path: string, zipName: string) => bytesSource(zipName, new Uint8Array(writeZip([{ name, data: fixture(path) }])))
  return compareArtifacts(zip(leftFixture, 'left.zip'), zip(rightFixture, 'right.zip'))
}
