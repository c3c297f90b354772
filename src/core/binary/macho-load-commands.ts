/**
 * Mach-O load commands (loader.h), walked one by one after the mach_header: each bounded by ncmds and
 * sizeofcmds, each cmdsize checked (at least 8, a multiple of 4 in 32-bit files and of 8 in 64-bit ones, as
 * loader.h requires, inside sizeofcmds, at least its structure), then read by its entry in the registry below.
 * A command no entry reads is still named in `load commands`, and its bytes are hashed outside sections.
 */
import { toHex } from '../util/bytes'
import { corrupt, readU32, readU64 } from './byte-view'
import { appendFact, cover, setFact, type LoadCommand, type ThinReading } from './macho-reading'
import { readDyldInfo, readDysymtab, readLinkeditData, readNote, readSymtab, readTwolevelHints } from './macho-linkedit'
import { LOAD_COMMAND_NAMES, loadCommandName } from './macho-names'
import { readSegment, segmentHeaderSize } from './macho-segments'
import { lcString, sourceVersionString, versionString } from './macho-view'

interface CommandReader {
  /** The structure's size: a smaller cmdsize is corrupt. */
  minSize: (is64: boolean) => number
  read: (reading: ThinReading, command: LoadCommand) => void
}

const fixed = (size: number) => () => size

/** `dylib_command`: name (lc_str), timestamp, current_version, compatibility_version. */
function readDylib(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  const { at, cmdsize, name } = command
  const path = lcString(file, at, cmdsize, at + 8, 24, name)
  cover(reading, path.start, path.end)
  if (name !== 'LC_ID_DYLIB') {
    appendFact(reading, name, path.text)
    return
  }
  setFact(reading, name, path.text)
  setFact(reading, 'LC_ID_DYLIB timestamp', String(readU32(file, at + 12, 'LC_ID_DYLIB timestamp')))
  setFact(reading, 'LC_ID_DYLIB current_version', versionString(readU32(file, at + 16, 'LC_ID_DYLIB current_version')))
  setFact(reading, 'LC_ID_DYLIB compatibility_version', versionString(readU32(file, at + 20, 'LC_ID_DYLIB compatibility_version')))
  cover(reading, at + 12, at + 24)
}

/** Commands that are one lc_str after cmd and cmdsize (`rpath_command`, `dylinker_command`, `sub_*_command`). */
function stringReader(list: boolean): CommandReader {
  return {
    minSize: fixed(12),
    read(reading, command) {
      const text = lcString(reading.file, command.at, command.cmdsize, command.at + 8, 12, command.name)
      if (list) appendFact(reading, command.name, text.text)
      else setFact(reading, command.name, text.text)
      cover(reading, text.start, text.end)
    },
  }
}

/** `uuid_command`: 16 bytes, shown as llvm-readobj and otool print it (8-4-4-4-12 upper-case hex). */
function readUuid(reading: ThinReading, command: LoadCommand): void {
  const bytes = reading.file.bytes.subarray(command.at + 8, command.at + 24)
  const hex = toHex(bytes).toUpperCase()
  setFact(reading, 'LC_UUID', `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`)
  cover(reading, command.at + 8, command.at + 24)
}

/** `build_version_command`: platform, minos, sdk, ntools, then ntools `build_tool_version` (tool, version) pairs. */
function readBuildVersion(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  const { at, cmdsize, name } = command
  const [platform, minos, sdk, ntools] = [8, 12, 16, 20].map((field) => readU32(file, at + field, `${name} field`))
  if (ntools > (cmdsize - 24) / 8) corrupt(file, at + 20, `${name} at offset ${file.base + at}: ntools ${ntools} does not fit in cmdsize ${cmdsize}`)
  const key = setFact(reading, name, `platform ${platform} minos ${versionString(minos)} sdk ${versionString(sdk)}`)
  const tools: string[] = []
  for (let i = 0; i < ntools; i++) {
    tools.push(`tool ${readU32(file, at + 24 + i * 8, 'build tool')} version ${versionString(readU32(file, at + 28 + i * 8, 'build tool version'))}`)
  }
  if (ntools > 0) setFact(reading, `${key} tools`, tools)
  cover(reading, at + 8, at + 24 + ntools * 8)
}

/** `version_min_command` (LC_VERSION_MIN_MACOSX, _IPHONEOS, _TVOS, _WATCHOS): version, sdk. */
function readVersionMin(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  const version = readU32(file, command.at + 8, `${command.name} version`)
  const sdk = readU32(file, command.at + 12, `${command.name} sdk`)
  setFact(reading, command.name, `version ${versionString(version)} sdk ${versionString(sdk)}`)
  cover(reading, command.at + 8, command.at + 16)
}

/** Commands of 32-bit fields shown as `name value …` in one fact (`entry_point_command`, `encryption_info_command`). */
function fieldsReader(fields: string[], wide: Set<string> = new Set()): CommandReader {
  const size = 8 + fields.reduce((sum, field) => sum + (wide.has(field) ? 8 : 4), 0)
  return {
    minSize: fixed(size),
    read(reading, command) {
      const { file } = reading
      let at = command.at + 8
      const parts = fields.map((field) => {
        const what = `${command.name} ${field}`
        const value = wide.has(field) ? readU64(file, at, what) : BigInt(readU32(file, at, what))
        at += wide.has(field) ? 8 : 4
        return `${field} ${value}`
      })
      setFact(reading, command.name, parts.join(' '))
      cover(reading, command.at + 8, command.at + size)
    },
  }
}

/** `source_version_command`: one 64-bit A.B.C.D.E. */
function readSourceVersion(reading: ThinReading, command: LoadCommand): void {
  const { file } = reading
  setFact(reading, command.name, sourceVersionString(readU64(file, command.at + 8, `${command.name} version`)))
  cover(reading, command.at + 8, command.at + 16)
}

const DYLIB: CommandReader = { minSize: fixed(24), read: readDylib }
const LINKEDIT_DATA: CommandReader = { minSize: fixed(16), read: readLinkeditData }
const VERSION_MIN: CommandReader = { minSize: fixed(16), read: readVersionMin }
const SEGMENT: CommandReader = { minSize: segmentHeaderSize, read: readSegment }

const BY_NAME: Record<string, CommandReader> = {
  LC_SEGMENT: SEGMENT,
  LC_SEGMENT_64: SEGMENT,
  LC_SYMTAB: { minSize: fixed(24), read: readSymtab },
  LC_DYSYMTAB: { minSize: fixed(80), read: readDysymtab },
  LC_ID_DYLIB: DYLIB, LC_LOAD_DYLIB: DYLIB, LC_LOAD_WEAK_DYLIB: DYLIB, LC_REEXPORT_DYLIB: DYLIB, LC_LAZY_LOAD_DYLIB: DYLIB, LC_LOAD_UPWARD_DYLIB: DYLIB,
  LC_RPATH: stringReader(true), LC_DYLD_ENVIRONMENT: stringReader(true),
  LC_LOAD_DYLINKER: stringReader(false), LC_ID_DYLINKER: stringReader(false), LC_SUB_FRAMEWORK: stringReader(false),
  LC_SUB_UMBRELLA: stringReader(true), LC_SUB_CLIENT: stringReader(true), LC_SUB_LIBRARY: stringReader(true),
  LC_UUID: { minSize: fixed(24), read: readUuid },
  LC_BUILD_VERSION: { minSize: fixed(24), read: readBuildVersion },
  LC_VERSION_MIN_MACOSX: VERSION_MIN, LC_VERSION_MIN_IPHONEOS: VERSION_MIN, LC_VERSION_MIN_TVOS: VERSION_MIN, LC_VERSION_MIN_WATCHOS: VERSION_MIN,
  LC_SOURCE_VERSION: { minSize: fixed(16), read: readSourceVersion },
  LC_MAIN: fieldsReader(['entryoff', 'stacksize'], new Set(['entryoff', 'stacksize'])),
  LC_ENCRYPTION_INFO: fieldsReader(['cryptoff', 'cryptsize', 'cryptid']),
  LC_ENCRYPTION_INFO_64: fieldsReader(['cryptoff', 'cryptsize', 'cryptid']),
  LC_CODE_SIGNATURE: LINKEDIT_DATA, LC_SEGMENT_SPLIT_INFO: LINKEDIT_DATA, LC_FUNCTION_STARTS: LINKEDIT_DATA, LC_DATA_IN_CODE: LINKEDIT_DATA,
  LC_DYLIB_CODE_SIGN_DRS: LINKEDIT_DATA, LC_LINKER_OPTIMIZATION_HINT: LINKEDIT_DATA, LC_DYLD_EXPORTS_TRIE: LINKEDIT_DATA,
  LC_DYLD_CHAINED_FIXUPS: LINKEDIT_DATA, LC_ATOM_INFO: LINKEDIT_DATA,
  LC_DYLD_INFO: { minSize: fixed(48), read: readDyldInfo },
  LC_DYLD_INFO_ONLY: { minSize: fixed(48), read: readDyldInfo },
  LC_TWOLEVEL_HINTS: { minSize: fixed(16), read: readTwolevelHints },
  LC_NOTE: { minSize: fixed(40), read: readNote },
}

/** The registry by command number. */
const READERS = new Map<number, CommandReader>()
for (const [cmd, name] of LOAD_COMMAND_NAMES) if (BY_NAME[name]) READERS.set(cmd, BY_NAME[name])

/**
 * Walks the `ncmds` load commands in the `sizeofcmds` bytes after the header (at `start`) and returns their
 * names in order. Every command moves forward by at least 8 bytes, so the walk ends even when cmdsize lies.
 */
export function readLoadCommands(reading: ThinReading, start: number, ncmds: number, sizeofcmds: number): string[] {
  const { file } = reading
  const end = start + sizeofcmds
  const multiple = file.is64 ? 8 : 4
  if (ncmds * 8 > sizeofcmds) corrupt(file, 16, `header: ncmds ${ncmds} load commands cannot fit in sizeofcmds ${sizeofcmds} bytes`)
  const names: string[] = []
  let at = start
  for (let index = 0; index < ncmds; index++) {
    const where = `load command ${index} at offset ${file.base + at}`
    if (at + 8 > end) corrupt(file, at, `${where} starts past the end of sizeofcmds (${sizeofcmds} bytes)`)
    const cmd = readU32(file, at, 'cmd')
    const cmdsize = readU32(file, at + 4, 'cmdsize')
    const name = loadCommandName(cmd)
    if (cmdsize < 8) corrupt(file, at, `${where} (${name}) has cmdsize ${cmdsize}, less than the 8 bytes of cmd and cmdsize`)
    if (cmdsize % multiple !== 0) corrupt(file, at, `${where} (${name}) has cmdsize ${cmdsize}, not a multiple of ${multiple}`)
    if (at + cmdsize > end) corrupt(file, at, `${where} (${name}) has cmdsize ${cmdsize}, past the end of sizeofcmds (${sizeofcmds} bytes)`)
    const reader = READERS.get(cmd)
    if (reader) {
      const minimum = reader.minSize(file.is64)
      if (cmdsize < minimum) corrupt(file, at, `${where} (${name}) has cmdsize ${cmdsize}, smaller than its structure (${minimum} bytes)`)
      reader.read(reading, { cmd, cmdsize, at, index, name })
    }
    names.push(name)
    at += cmdsize
  }
  return names
}
