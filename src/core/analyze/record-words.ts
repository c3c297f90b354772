/** A wheel's RECORD member, by pairing path. */
export const RECORD_PATH = /^[^/]+\.dist-info\/RECORD$/
