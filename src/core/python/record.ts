/**
 * RECORD (recording installed projects, packaging.python.org .../recording-installed-packages/):
 * a CSV file, one `path,hash,size` row per file, hash = `sha256=` + urlsafe base64 without padding.
 * RECORD lists itself with an empty hash and size; RECORD.jws and RECORD.p7s are signatures.
 */
export interface RecordRow {
  path: string
  hash: string
  size: string
}

/** CSV as Python's csv module reads it: commas, double-quoted fields with "" escapes, \n or \r\n rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (char === '"') quoted = false
      else field += char
    } else if (char === '"' && field === '') quoted = true
    else if (char === ',') row.push(field), (field = '')
    else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += char
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows.filter((r) => !(r.length === 1 && r[0] === ''))
}

export function parseRecord(text: string): RecordRow[] {
  return parseCsv(text).map(([path = '', hash = '', size = '']) => ({ path, hash, size }))
}

/** Hex SHA-256 (as reprodiff computes it) to RECORD's `sha256=` urlsafe base64 without padding. */
export function recordHashFromHex(hex: string): string {
  let binary = ''
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16))
  return `sha256=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`
}

export function isRecordSelfOrSignature(path: string): boolean {
  return /\.dist-info\/RECORD(\.jws|\.p7s)?$/.test(path)
}
