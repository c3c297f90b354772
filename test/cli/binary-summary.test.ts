/** The CLI text summary names each differing section of a binary member (members[].binary). */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { formatSummary } from '../../src/cli/summary'
import { compareArtifacts } from '../../src/core/index'
import { bytesSource } from '../fixture-files'

const so = (path: string) => new Uint8Array(readFileSync(join(import.meta.dirname, '../fixtures/binaries', path)))
const wheel = (bytes: Uint8Array) => bytesSource('pkg-1.0-py3-none-any.whl', zipSync({ 'pkg/_ext.so': [bytes, { mtime: new Date(2020, 0, 1) }] }))

describe('CLI summary of a binary member', () => {
  it('lists the differing sections under the member, with sizes when they differ', async () => {
    const report = await compareArtifacts(wheel(so('build-path/left/libdemo.so')), wheel(so('build-path/right/libdemo.so')))
    const text = formatSummary(report)
    expect(text).toContain('≠ pkg/_ext.so\n      section .note.gnu.build-id: modified\n      section .debug_info: modified\n')
    expect(text).toMatch(/section \.debug_line_str: modified \(\d+ → \d+ bytes\)/)
    expect(text).not.toContain('section .text:')
  })

  it('names the side that could not be parsed', async () => {
    const whole = so('build-path/left/libdemo.so')
    const text = formatSummary(await compareArtifacts(wheel(whole), wheel(whole.slice(0, 4000))))
    expect(text).toContain('elf structure: the right side could not be read: TRUNCATED')
  })
})
