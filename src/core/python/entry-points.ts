/**
 * entry_points.txt (entry points specification, packaging.python.org .../entry-points/): an INI file whose
 * sections are groups and whose `name = value` lines are entry points. Compared as (group, name) → value.
 */
export function parseEntryPoints(text: string): Map<string, string> {
  const entries = new Map<string, string>()
  let group = ''
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue
    const section = /^\[(.+)\]$/.exec(line)
    if (section) {
      group = section[1].trim()
      continue
    }
    const equals = line.indexOf('=')
    if (equals > 0) entries.set(`${group} / ${line.slice(0, equals).trim()}`, line.slice(equals + 1).trim())
  }
  return entries
}
