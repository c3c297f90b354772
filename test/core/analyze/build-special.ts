/**
 * A small POSIX ustar writer for the security-rule tests: any typeflag, mode, device numbers and link
 * name, which test/core/archive/build-archives.ts does not set. Header layout: POSIX.1-2017 pax,
 * "ustar Interchange Format" (name 0/100, mode 100/8, uid 108/8, gid 116/8, size 124/12, mtime 136/12,
 * chksum 148/8, typeflag 156/1, linkname 157/100, magic 257/6, version 263/2, uname 265/32,
 * gname 297/32, devmajor 329/8, devminor 337/8, prefix 345/155).
 */
const text = new TextEncoder()
const BLOCK = 512

export interface SpecialTarEntry {
  name: string
  /** ustar typeflag: '0' file, '1' hard link, '2' symlink, '3' character device, '4' block device, '5' directory, '6' FIFO. */
  typeflag?: string
  mode?: number
  data?: string | Uint8Array
  linkname?: string
  devmajor?: number
  devminor?: number
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\u0000`
}

function header(entry: SpecialTarEntry, size: number): Uint8Array {
  const block = new Uint8Array(BLOCK)
  const put = (at: number, value: string, width: number) => {
    const bytes = text.encode(value)
    if (bytes.length > width) throw new Error(`${JSON.stringify(value)} does not fit in ${width} bytes`)
    block.set(bytes, at)
  }
  const typeflag = entry.typeflag ?? '0'
  put(0, entry.name, 100)
  put(100, octal(entry.mode ?? (typeflag === '5' ? 0o755 : typeflag === '2' ? 0o777 : 0o644), 8), 8)
  put(108, octal(0, 8), 8)
  put(116, octal(0, 8), 8)
  put(124, octal(size, 12), 12)
  put(136, octal(1700000000, 12), 12)
  put(156, typeflag, 1)
  put(157, entry.linkname ?? '', 100)
  put(257, 'ustar\u0000', 6)
  put(263, '00', 2)
  put(265, 'root', 32)
  put(297, 'root', 32)
  put(329, octal(entry.devmajor ?? 0, 8), 8)
  put(337, octal(entry.devminor ?? 0, 8), 8)
  // The checksum is computed with its own field read as eight spaces.
  block.fill(0x20, 148, 156)
  const sum = block.reduce((total, byte) => total + byte, 0)
  put(148, `${sum.toString(8).padStart(6, '0')}\u0000 `, 8)
  return block
}

/** A ustar archive of the entries, ended by two zero blocks. Only regular files carry data. */
export function buildSpecialTar(entries: SpecialTarEntry[]): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = []
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? text.encode(entry.data) : (entry.data ?? new Uint8Array(0))
    parts.push(header(entry, data.length), data, new Uint8Array((BLOCK - (data.length % BLOCK)) % BLOCK))
  }
  parts.push(new Uint8Array(2 * BLOCK))
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}
