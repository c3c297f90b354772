/**
 * Where `Blob.slice(start, end)` cuts, by the File API (https://w3c.github.io/FileAPI/#slice-method-algo): each
 * position converted as Web IDL's `[Clamp] long long` (NaN is 0, a fraction rounds to the nearest integer, ties to
 * even), then counted from the end when negative and clamped to [0, size]; `to` is never before `from`. Shared by
 * the Blobs the core and the CLI make themselves (bytes-blob.ts, cli/file-blob.ts), so they cut where a Blob does.
 */
export function sliceBounds(start: number | undefined, end: number | undefined, size: number): { from: number; to: number } {
  const from = relativePosition(start ?? 0, size)
  return { from, to: Math.max(from, relativePosition(end ?? size, size)) }
}

function relativePosition(position: number, size: number): number {
  const whole = Number.isNaN(position) ? 0 : roundHalfToEven(position)
  return whole < 0 ? Math.max(size + whole, 0) : Math.min(whole, size)
}

function roundHalfToEven(value: number): number {
  if (!Number.isFinite(value)) return value
  const floor = Math.floor(value)
  if (value - floor !== 0.5) return Math.round(value)
  return floor % 2 === 0 ? floor : floor + 1
}
