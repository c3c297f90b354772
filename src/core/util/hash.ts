/** SHA-256 through Web Crypto: the same call in Node 20, workers and browsers. */
import { toHex, type Bytes } from './bytes'

export async function sha256Hex(bytes: Bytes): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes)
  return toHex(new Uint8Array(digest))
}
