/** Issue 8, nested archives, item 1 (reading): containers found from their bytes, read recursively under shared limits. */
import { zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { compareArtifacts, readArtifact, readMemberContent } from '../../../src/core/index'
import { blobSource, buildZip, gzip } from './build-archives'
import { deepZip, npmTarball, wheel } from './nested-builders'

const text = new TextEncoder()

describe('reading nested archives', () => {
  it('reads a wheel inside an npm tarball from its bytes, one level down', async () => {
    const reading = await readArtifact(blobSource('x-0.8.5.tgz', npmTarball('x-0.8.5-py3-none-any.whl', wheel('0.8.5', 1_600_000_000), 1_600_000_000)))
    expect(reading.error).toBeUndefined()
    const container = reading.members.find((member) => member.path.endsWith('.whl'))!
    const inner = reading.nested?.[container.index]
    expect(inner).toMatchObject({ name: 'x-0.8.5-py3-none-any.whl', format: 'zip', depth: 1, sha256: container.sha256 })
    expect(inner!.members.map((member) => member.path).sort()).toEqual(['x-0.8.5.dist-info/WHEEL', 'x/__init__.py'])
    expect(reading.nested?.[reading.members.find((member) => member.path.endsWith('package.json'))!.index]).toBeUndefined()
  })

  it('finds a container by its bytes, whatever its name says', async () => {
    const reading = await readArtifact(blobSource('a.zip', buildZip([{ name: 'notes.txt', data: wheel('1', 1_000_000_000) }, { name: 'real.zip', data: 'not a zip' }])))
    expect(Object.keys(reading.nested ?? {})).toEqual(['0'])
  })

  it('names the single payload of a compressed member after the member, without its suffix', async () => {
    const reading = await readArtifact(blobSource('a.zip', buildZip([{ name: 'data/table.json.gz', data: gzip(text.encode('{}')) }])))
    expect(reading.nested?.[0]?.members.map((member) => member.path)).toEqual(['table.json'])
  })

  it('opens the payload of a single compressed file when it is an archive (x.whl.gz)', async () => {
    const reading = await readArtifact(blobSource('x.whl.gz', gzip(wheel('1', 1_000_000_000))))
    expect(reading.format).toBe('gzip')
    expect(reading.nested?.[0]).toMatchObject({ format: 'zip', depth: 1 })
  })

  it('stops a 7-deep nesting at the depth limit, naming the limit on the container past it', async () => {
    const reading = await readArtifact(blobSource('deep.zip', deepZip(7)))
    let level = reading
    for (let depth = 1; depth <= 5; depth++) {
      level = level.nested![0]
      expect(level.depth).toBe(depth)
      expect(level.error).toBeUndefined()
    }
    const past = level.nested![0]
    expect(past).toMatchObject({ depthLimited: true, depth: 6, error: { code: 'LIMIT_EXCEEDED' } })
    expect(past.error!.message).toMatch(/depth limit \(maxDepth 5\)/)
    expect(past.members).toEqual([])
  })

  it('stops a zip that contains itself (a quine) at the depth limit', async () => {
    // Not a byte-exact quine (fflate cannot write one), but each level holds the same archive again.
    const reading = await readArtifact(blobSource('quine.zip', deepZip(40)), { limits: { maxDepth: 3 } })
    let level = reading
    let depth = 0
    while (level.nested?.[0] && !level.nested[0].depthLimited) {
      level = level.nested[0]
      depth++
    }
    expect(depth).toBe(3)
    expect(level.nested![0].error?.message).toMatch(/maxDepth 3/)
  })

  it('gives a corrupt inner zip its own error while its siblings read', async () => {
    const good = wheel('1', 1_000_000_000)
    // A local header signature and then nothing a zip reader can use: detected as a zip, read as none.
    const broken = new Uint8Array(200).fill(0x41)
    broken.set([0x50, 0x4b, 0x03, 0x04])
    const reading = await readArtifact(blobSource('t.zip', buildZip([{ name: 'a.whl', data: good }, { name: 'b.whl', data: broken }])))
    expect(reading.nested?.[0]?.error).toBeUndefined()
    expect(reading.nested?.[1]?.error).toBeDefined()
  })

  it('stops a nested bomb on the ratio against the outer file, though each level stays below it', async () => {
    // 40 members of exactly 1 MiB: the per-member ratio check starts above 1 MiB, so the inner zip alone passes.
    const mebibyte = new Uint8Array(1024 * 1024)
    const files: Record<string, Uint8Array> = {}
    for (let i = 0; i < 40; i++) files[`zeros-${i}`] = mebibyte
    const inner = zipSync(files, { level: 9 })
    const outer = buildZip([{ name: 'inner.zip', data: inner }])
    const alone = await readArtifact(blobSource('inner.zip', inner as Uint8Array<ArrayBuffer>), { limits: { maxRatio: 100 } })
    expect(alone.error).toBeUndefined()
    const reading = await readArtifact(blobSource('outer.zip', outer), { limits: { maxRatio: 100 } })
    expect(reading.error).toBeUndefined()
    expect(reading.nested?.[0]?.error).toMatchObject({ code: 'LIMIT_EXCEEDED' })
    expect(reading.nested![0].error!.message).toMatch(/against the outer file's .*100:1 ratio limit/)
  })

  it('counts members across levels against the member-count limit', async () => {
    const reading = await readArtifact(blobSource('t.zip', buildZip([{ name: 'a.txt', data: 'a' }, { name: 'w.whl', data: wheel('1', 1_000_000_000) }])), { limits: { maxMembers: 3 } })
    expect(reading.error).toBeUndefined()
    expect(reading.nested?.[1]?.error).toMatchObject({ code: 'LIMIT_EXCEEDED' })
    expect(reading.nested![1].error!.message).toMatch(/member-count limit/)
  })

  it('cancels the whole reading when cancelled inside a nested archive', async () => {
    const controller = new AbortController()
    const source = blobSource('t.zip', buildZip([{ name: 'a.zip', data: deepZip(1, 'a') }, { name: 'b.zip', data: deepZip(1, 'b') }]))
    const retainMember = (path: string) => {
      if (path === 'deep.txt') controller.abort()
      return false
    }
    const reading = await readArtifact(source, { signal: controller.signal, retainMember })
    expect(reading.error?.code).toBe('CANCELLED')
  })

  it('re-reads a nested member through its chain of containers', async () => {
    const source = blobSource('deep.zip', deepZip(3, 'innermost bytes\n'))
    const reading = await readArtifact(source)
    const bytes = await readMemberContent(source, reading, 0, {}, [0, 0])
    expect(new TextDecoder().decode(bytes)).toBe('innermost bytes\n')
  })

  it('opens nothing past --max-depth=1 (CLI limit) and still compares that member by its hash', async () => {
    const left = blobSource('l.zip', buildZip([{ name: 'd.zip', data: deepZip(2, 'a') }]))
    const right = blobSource('r.zip', buildZip([{ name: 'd.zip', data: deepZip(2, 'b') }]))
    const report = await compareArtifacts(left, right, { limits: { maxDepth: 1 } })
    const container = report.members.find((member) => member.path === 'd.zip!/inner.zip')!
    expect(container).toMatchObject({ status: 'modified', left: { error: { code: 'LIMIT_EXCEEDED' } } })
    expect(container.unread).toBeUndefined()
    expect(report.members.some((member) => member.path.startsWith('d.zip!/inner.zip!/'))).toBe(false)
    expect(report.findings.find((finding) => finding.members.includes('d.zip!/inner.zip'))?.cause).toMatch(/limit-exceeded|unreadable-member/)
  })
})
