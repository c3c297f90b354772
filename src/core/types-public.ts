/** Types that cross the worker boundary, re-exported for `import type` from other layers. */
export type * from './types'
export type { CoreError, CoreErrorCode } from './errors'
export type { ContentPair } from './compare/content'
