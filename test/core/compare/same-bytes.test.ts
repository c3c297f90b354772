/**
 * Issue 9: container members with the same bytes on both sides are not opened (compare/same-bytes.ts), and the
 * report says so; a container whose bytes differ is opened as before, and `openSameBytes` opens them all.
 */
import { describe, expect, it } from 'vitest'
import { compareArtifacts, compareReadings, planOpening, readArtifactOuter } from '../../../src/core/index'
import { blobSource, buildZip } from '../archive/build-archives'

const inner = (text: string) => buildZip([{ name: 'a.txt', data: text }, { name: 'b.txt', data: 'same' }])
const same = inner('one')
const left = () => blobSource('l.zip', buildZip([{ name: 'same.zip', data: same }, { name: 'changed.zip', data: inner('left') }, { name: 'plain.txt', data: 'x' }]))
const right = () => blobSource('r.zip', buildZip([{ name: 'same.zip', data: same }, { name: 'changed.zip', data: inner('right') }, { name: 'plain.txt', data: 'y' }]))

describe('containers with the same bytes on both sides', () => {
  it('are not opened: their entry says so and nothing inside them is listed, while a differing one is opened', async () => {
    const report = await compareArtifacts(left(), right())
    const entry = report.members.find((member) => member.path === 'same.zip')
    expect(entry).toMatchObject({ status: 'identical', notOpenedInside: 'same-bytes' })
    expect(report.members.filter((member) => member.path.startsWith('same.zip!/'))).toEqual([])
    expect(report.members.find((member) => member.path === 'changed.zip!/a.txt')?.status).toBe('modified')
    expect(report.members.find((member) => member.path === 'changed.zip')?.notOpenedInside).toBeUndefined()
    expect(report.verdict).toBe('content-differs')
  })

  it('are opened and listed with openSameBytes', async () => {
    const report = await compareArtifacts(left(), right(), { openSameBytes: true })
    expect(report.members.find((member) => member.path === 'same.zip')?.notOpenedInside).toBeUndefined()
    expect(report.members.filter((member) => member.path.startsWith('same.zip!/')).map((member) => member.status)).toEqual(['identical', 'identical'])
  })

  it('plans by the comparison\'s own pairing, and a second openContainers opens what it left closed', async () => {
    const [l, r] = await Promise.all([readArtifactOuter(left()), readArtifactOuter(right())])
    const plan = planOpening(l.reading, r.reading, false)
    expect({ left: plan.left, right: plan.right }).toEqual({ left: [0], right: [0] })
    await l.openContainers(new Set(plan.left))
    expect(l.reading.nested?.[0]).toMatchObject({ notOpened: 'same-bytes', members: [] })
    expect(l.reading.nested?.[1]?.members.map((member) => member.path)).toEqual(['a.txt', 'b.txt'])
    const opened = l.reading.nested![1]
    await l.openContainers()
    expect(l.reading.nested?.[0]?.notOpened).toBeUndefined()
    expect(l.reading.nested?.[0]?.members.map((member) => member.path)).toEqual(['a.txt', 'b.txt'])
    // What was opened once stays as read (not read again).
    expect(l.reading.nested?.[1]).toBe(opened)
  })

  it('never takes a closed container for the same when the bytes differ: that entry is unread, not identical', async () => {
    const [l, r] = await Promise.all([readArtifactOuter(left()), readArtifactOuter(right())])
    // A wrong plan (changed.zip listed as the same on the left only) must not hide the difference inside it.
    await Promise.all([l.openContainers(new Set([1])), r.openContainers(new Set())])
    const report = compareReadings(l.reading, r.reading)
    const entry = report.members.find((member) => member.path === 'changed.zip')
    expect(entry).toMatchObject({ status: 'modified', unread: true })
    expect(entry?.left?.error?.message).toMatch(/was not opened/)
    expect(report.verdict).toBe('content-differs')
  })
})
