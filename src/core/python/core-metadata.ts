/**
 * Core metadata files (METADATA, PKG-INFO) and WHEEL: RFC 822-style "Name: value" headers, continuation
 * lines starting with whitespace, then an optional body after the first blank line, which is the
 * description (core metadata spec, packaging.python.org .../core-metadata/). Field names are
 * case-insensitive; several fields (Classifier, Requires-Dist, …) may repeat.
 */
export interface CoreMetadata {
  /** Fields in file order, names as written. */
  fields: [name: string, value: string][]
  /** The message body (the long description), or '' when there is none. */
  body: string
}

export function parseCoreMetadata(text: string): CoreMetadata {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)
  const fields: [string, string][] = []
  let i = 0
  for (; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') break
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1][1] += `\n${line.replace(/^[ \t]+\|?/, '')}`
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()])
  }
  return { fields, body: lines.slice(i + 1).join('\n').replace(/\n+$/, '') }
}

/** All values of one field (case-insensitive name). */
export function fieldValues(metadata: CoreMetadata, name: string): string[] {
  const wanted = name.toLowerCase()
  return metadata.fields.filter(([field]) => field.toLowerCase() === wanted).map(([, value]) => value)
}

export interface FieldDifference {
  field: string
  left: string[]
  right: string[]
  /** Same values in another order (for a repeatable field compared as a multiset). */
  orderOnly: boolean
}

/** Field-by-field differences; repeated fields are compared as multisets, the body on its own. */
export function compareCoreMetadata(left: CoreMetadata, right: CoreMetadata): FieldDifference[] {
  const names = new Map<string, string>()
  for (const [field] of [...left.fields, ...right.fields]) if (!names.has(field.toLowerCase())) names.set(field.toLowerCase(), field)
  const differences: FieldDifference[] = []
  for (const [, field] of names) {
    const a = fieldValues(left, field)
    const b = fieldValues(right, field)
    if (a.join('\0') === b.join('\0')) continue
    const orderOnly = [...a].sort().join('\0') === [...b].sort().join('\0')
    differences.push({ field, left: a, right: b, orderOnly })
  }
  if (left.body !== right.body) differences.push({ field: 'Description (body)', left: [left.body], right: [right.body], orderOnly: false })
  return differences
}
