/**
 * Monaco language id for a member path. Only ids whose tokenizer monaco-env.ts registers may appear
 * here; anything else is plain text, which is always safe.
 */
export type EditorLanguage =
  'python' | 'markdown' | 'ini' | 'json' | 'yaml' | 'shell' | 'xml' | 'html' | 'restructuredtext' | 'plaintext'

const BY_EXTENSION: Record<string, EditorLanguage> = {
  py: 'python', pyi: 'python', pyw: 'python',
  md: 'markdown', markdown: 'markdown',
  // Monaco has no TOML tokenizer; ini colours keys, sections and strings close enough.
  toml: 'ini', cfg: 'ini', ini: 'ini',
  json: 'json',
  yaml: 'yaml', yml: 'yaml',
  sh: 'shell', bash: 'shell',
  xml: 'xml', html: 'html', htm: 'html',
  rst: 'restructuredtext',
}

/** Packaging files without an extension (or with a misleading one) that have a known shape. */
const BY_NAME: Record<string, EditorLanguage> = {
  // RFC 822-style headers and CSV: plain text reads better than a wrong tokenizer.
  RECORD: 'plaintext', METADATA: 'plaintext', WHEEL: 'plaintext', 'PKG-INFO': 'plaintext',
  'entry_points.txt': 'ini', 'setup.cfg': 'ini', 'pyproject.toml': 'ini',
}

export function languageForPath(path: string): EditorLanguage {
  const name = path.split('/').filter(Boolean).pop() ?? ''
  if (BY_NAME[name]) return BY_NAME[name]
  const dot = name.lastIndexOf('.')
  if (dot <= 0) return 'plaintext'
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()] ?? 'plaintext'
}
