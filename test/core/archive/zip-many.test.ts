/**
 * A zip with 200,000 members read end to end: no step may spread the member list into one call
 * (`push(...list)`, `Math.min(...list)`), which overflows the stack past about 100,000 arguments.
 */
import { describe, expect, it } from 'vitest'
import { readArtifact } from '../../../src/core/index'
import { blobSource, buildZip } from './build-archives'

describe('a zip with 200,000 members', () => {
  it('is read through readArtifact without overflowing the stack', async () => {
    const count = 200_000
    const zip = buildZip(Array.from({ length: count }, (_, i) => ({ name: `m/${i}`, data: i % 2 ? 'x' : '' })))
    const reading = await readArtifact(blobSource('many.zip', zip))
    expect(reading.error).toBeUndefined()
    expect(reading.fields['zip.zip64']).toBe(true)
    expect(reading.members).toHaveLength(count)
    expect(reading.members[count - 1]).toMatchObject({ path: `m/${count - 1}`, size: 1, sha256: '2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881' })
    expect(reading.members.filter((m) => m.sha256 === null || m.error)).toEqual([])
    expect(reading.anomalies).toEqual([])
  }, 60_000)
})
