/**
 * Display helpers the page shares with the CLI, so both word values the same way. The store is the
 * one layer allowed to pass these pure core functions on to ui/ (ui never imports core at runtime).
 * The limits' defaults, descriptions and size parser come through here too, so the Limits panel and
 * the CLI's --help state the same defaults in the same words and accept the same sizes.
 */
export { DEFAULT_LIMITS, LIMIT_DESCRIPTIONS, formatBytes, formatMetaValue, formatTimestamp, parseSize } from '../core/index'
