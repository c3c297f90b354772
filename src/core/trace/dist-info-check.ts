/**
 * The two `.dist-info` files a backend writes from the wheel's own contents, checked against those contents:
 * - WHEEL (PEP 427, binary-distribution-format): its `Tag` lines are the expansion of the file name's compressed tag
 *   set (`py2.py3-none-any` → `py2-none-any`, `py3-none-any`), and `Root-Is-Purelib: true` means the wheel holds no
 *   extension module (purelib is for pure Python).
 * - top_level.txt (setuptools, egg-info's format kept in the wheel): the importable names at the wheel's root, one
 *   per line; a listed name the wheel lacks, or a root package it does not list, is not what the build wrote.
 * Each answers the problem in words, or null when the file is what a build of these contents writes.
 */
import { parseWheelFilename } from '../python/wheel-filename'
import type { Member } from '../types'
import { retainedText, type TraceContext } from './context'

const EXTENSION_MODULE = /\.(so|pyd|dylib)$|\.so\.[0-9.]+$/
const OUTSIDE_ROOT = /^[^/]+\.(dist-info|data)\//
const ROOT_MODULE = /^([A-Za-z_][A-Za-z0-9_]*)(\.[^/]*)?\.(py|so|pyd)$/

/** `Key: value` lines of an email-header-style file, values of repeated keys in order. */
function headerValues(text: string, key: string): string[] {
  const prefix = `${key.toLowerCase()}:`
  return text.split(/\r\n|\n/).filter((line) => line.toLowerCase().startsWith(prefix)).map((line) => line.slice(prefix.length).trim())
}

export function wheelFileProblem(member: Member, context: TraceContext): string | null {
  const text = retainedText(context.wheel, member)
  const name = parseWheelFilename(context.wheel.name)
  if (text === null || name === null) return null
  const expected = new Set<string>()
  for (const python of name.pythonTag.split('.')) for (const abi of name.abiTag.split('.')) for (const platform of name.platformTag.split('.')) expected.add(`${python}-${abi}-${platform}`)
  const listed = new Set(headerValues(text, 'Tag'))
  const same = listed.size === expected.size && [...listed].every((tag) => expected.has(tag))
  if (!same) return `WHEEL lists the tags ${[...listed].join(', ') || '(none)'}, the file name ${context.wheel.name} says ${[...expected].join(', ')}`
  const purelib = headerValues(text, 'Root-Is-Purelib')[0]?.toLowerCase()
  const extension = context.wheel.members.find((m) => m.type === 'file' && EXTENSION_MODULE.test(m.path))
  if (purelib === 'true' && extension) return `WHEEL says Root-Is-Purelib: true, but the wheel holds the extension module ${extension.path}`
  return null
}

export function topLevelProblem(member: Member, context: TraceContext): string | null {
  const text = retainedText(context.wheel, member)
  if (text === null) return null
  const listed = new Set(text.split(/\r\n|\n/).map((line) => line.trim()).filter(Boolean))
  const present = new Set<string>()
  for (const m of context.wheel.members) {
    if (OUTSIDE_ROOT.test(m.path)) continue
    const slash = m.path.indexOf('/')
    if (slash > 0) present.add(m.path.slice(0, slash))
    else if (m.type === 'file') {
      const module = ROOT_MODULE.exec(m.path)
      if (module) present.add(module[1])
    }
  }
  const missing = [...listed].filter((name) => !present.has(name))
  const unlisted = [...present].filter((name) => !listed.has(name))
  if (missing.length === 0 && unlisted.length === 0) return null
  const parts = [missing.length ? `lists ${missing.join(', ')}, which the wheel does not hold` : '', unlisted.length ? `does not list ${unlisted.join(', ')}, which the wheel holds at its root` : '']
  return `top_level.txt ${parts.filter(Boolean).join(', and ')}`
}
