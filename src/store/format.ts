/**
 * Display helpers the page shares with the CLI, so both word values the same way. The store is the
 * one layer allowed to pass these pure core functions on to ui/ (ui never imports core at runtime).
 */
export { formatBytes, formatMetaValue, formatTimestamp } from '../core/index'
