/** How a path inside a nested archive is written in the report (docs/report-format.md "Nested archives"). */

/** The separator between a container's path and a path inside it (`x.whl!/x/__init__.py`), as in jar: URLs. */
export const NESTED_SEPARATOR = '!/'

/**
 * A stored name that holds `!/` itself is shown with `!\/`: names are escaped so a backslash is always `\\`
 * (util/text.ts), so `\/` can only come from this escape, and no stored name displays like a nested path.
 */
export function escapeNestedSeparator(path: string): string {
  return path.includes(NESTED_SEPARATOR) ? path.split(NESTED_SEPARATOR).join('!\\/') : path
}
