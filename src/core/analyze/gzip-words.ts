/** Plain words for gzip header fields (RFC 1952 section 2.3.1). */
const WORDS: Record<string, string> = {
  'gzip.mtime': 'MTIME (when it was compressed)',
  'gzip.fname': 'FNAME (the original file name)',
  'gzip.os': "OS (the compressor's platform)",
  'gzip.xfl': 'XFL (the compression level hint)',
  'gzip.flags': 'FLG (which optional fields are present)',
  'gzip.fcomment': 'FCOMMENT',
  'gzip.extra': 'FEXTRA',
  'gzip.fhcrc': 'FHCRC',
}

export function describeGzipName(field: string): string {
  return WORDS[field] ?? field
}
