/** REPRODIFF_DEBUG=1: one line on stderr per step, with the time since the process started (for profiling the CLI). */
const enabled = process.env.REPRODIFF_DEBUG === '1'

export function debug(what: string): void {
  if (enabled) console.error(`reprodiff: ${performance.now().toFixed(0)} ms: ${what}`)
}
