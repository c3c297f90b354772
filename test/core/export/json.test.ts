/** The JSON text the page exports and the CLI streams (src/core/export/json.ts): one text, the same for both. */
import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { jsonChunks, jsonPieces } from '../../../src/core/index'
import { writeJson } from '../../../src/cli/json-stream'
import { sampleReport } from './export-fixtures'

async function cliText(value: unknown): Promise<string> {
  const chunks: string[] = []
  const out = new Writable({ decodeStrings: false, write(chunk, _encoding, done) { chunks.push(String(chunk)); done() } })
  await writeJson(out, value)
  return chunks.join('')
}

describe('jsonChunks', () => {
  it('is the text the CLI writes for --json, equal once parsed to the report', async () => {
    const report = await sampleReport()
    const text = [...jsonChunks(report)].join('')
    expect(text).toBe(await cliText(report))
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)))
    expect(text.split('\n').filter((line) => line.startsWith('{"path":'))).toHaveLength(report.members.length)
  })

  it('gathers pieces into chunks of at least the size asked, never splitting the text differently from the pieces', () => {
    const value = { members: Array.from({ length: 1000 }, (_, i) => ({ path: `m${i}` })), n: undefined, f: () => 1 }
    const chunks = [...jsonChunks(value, 1000)]
    expect(chunks.slice(0, -1).every((chunk) => chunk.length >= 1000)).toBe(true)
    expect(chunks.join('')).toBe([...jsonPieces(value)].join(''))
    expect(JSON.parse(chunks.join(''))).toEqual(JSON.parse(JSON.stringify(value)))
  })
})
