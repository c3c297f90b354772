/**
 * Binary members read as structure (issue 8, "Binaries"): each format (ELF, Mach-O, PE/COFF, .pyc) parses a
 * member's bytes into a BinaryStructure, one file per format behind the registry in `registry.ts`; the
 * comparison of two structures (`compare-binary.ts`) is what the report carries as `members[].binary`.
 * Plain data only: it crosses the worker boundary and is written as JSON.
 */

export type BinaryFormatName = 'elf' | 'macho' | 'pe' | 'pyc'

/** One header field, under its spec name (ELF `e_machine`, Mach-O `cputype`, PE `TimeDateStamp`, pyc `flags`). */
export interface BinaryHeaderField {
  field: string
  value: string | number | null
}

/** One section (ELF section, Mach-O section, PE section, .pyc code object by qualified name). */
export interface BinarySection {
  /** As the format names it; a repeated name is keyed `name#2` when compared. */
  name: string
  size: number
  /** SHA-256 of the section's bytes in the file; null when it has none there (ELF `SHT_NOBITS` such as `.bss`). */
  sha256: string | null
  /** Facts shown in the table (type, flags, address, offset), by spec name. */
  facts?: Record<string, string | number>
  /**
   * Where the section's bytes lie in the parsed bytes (the member, or the whole fat file for a Mach-O slice), so
   * evidence and the view can read its strings; absent when it has none there. Never written to the report.
   */
  fileRange?: { offset: number; size: number }
}

export interface BinaryStructure {
  format: BinaryFormatName
  header: BinaryHeaderField[]
  sections: BinarySection[]
  /** Named facts a reviewer asks about: build-id, SONAME, NEEDED, RPATH, RUNPATH, `.comment`; pyc `co_filename`. */
  facts: Record<string, string | string[]>
  /** Symbol names (ELF `.dynsym`/`.symtab`, Mach-O symtab), deduplicated, sorted; absent when the format has none. */
  symbols?: string[]
  /** A universal (fat) Mach-O: one structure per architecture. */
  slices?: { arch: string; structure: BinaryStructure }[]
}

/** One format of the registry. */
export interface BinaryFormat {
  format: BinaryFormatName
  description: string
  /** True when a member whose bytes start with `head` (the first BINARY_HEAD_BYTES, 1024, when the member has them: a PE signature sits at e_lfanew, often past 0x80) is this format. */
  detect(head: Uint8Array, path: string): boolean
  /**
   * Parses the whole member. Throws a CoreFailure (`CORRUPT_STRUCTURE`, `TRUNCATED`, with the offset) when
   * the bytes are malformed; never loops or recurses as deep as the input says (bounded counts, explicit stacks).
   */
  parse(bytes: Uint8Array): BinaryStructure
}

export type BinaryItemStatus = 'identical' | 'modified' | 'left-only' | 'right-only'

/** One side of a compared section: its size and hash, and its table facts (ELF sh_type, sh_flags, sh_offset, …). */
export interface BinarySectionSide {
  size: number
  sha256: string | null
  facts?: Record<string, string | number>
}

/**
 * A section of both sides, keyed like members (`name#2` for a repeated name). `modified` when its bytes (size,
 * SHA-256) or a fact saying what it is (ELF sh_type, sh_flags) differ; `changed` names the table facts that
 * differ, and a section that only moved (sh_offset, sh_addr, the indices sh_link, sh_info) stays `identical`.
 */
export interface BinarySectionComparison {
  name: string
  status: BinaryItemStatus
  left: BinarySectionSide | null
  right: BinarySectionSide | null
  changed?: string[]
}

/** The report's `members[].binary`: two structures compared (docs/report-format.md). */
export interface BinaryComparison {
  format: BinaryFormatName
  /** Every header field of either side. */
  header: { field: string; left: string | number | null; right: string | number | null }[]
  sections: BinarySectionComparison[]
  facts: { field: string; left: string | string[] | null; right: string | string[] | null }[]
  /** Names on one side only, sorted, each list capped at MAX_LISTED_SYMBOLS (compare-binary.ts); the counts are exact. */
  symbols?: { added: string[]; removed: string[]; addedCount?: number; removedCount?: number }
  slices?: { arch: string; comparison: BinaryComparison }[]
  /** Set when one side could not be parsed: the error, the other side still shown. */
  error?: { side: 'left' | 'right'; code: string; message: string; offset?: number }
}
