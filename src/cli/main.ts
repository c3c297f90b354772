/**
 * `reprodiff LEFT RIGHT [--json] [--all] [limits]`: compares two artefacts with the same core as the page.
 * Exit status as diff(1) and diffoscope: 0 byte-identical, 1 different (or hostile content found),
 * 2 when either cannot be read. This module loads only the argument parser: `--help` and a wrong argument
 * answer without loading the core (run.ts loads it).
 */
import { parseArguments, usage } from './args'

export async function main(argv: string[]): Promise<number> {
  const args = parseArguments(argv)
  if (args.help) return console.log(usage()), 0
  if (args.problems.length) return console.error(`reprodiff: ${args.problems.join('; ')}\n${usage()}`), 2
  const { run } = await import('./run')
  return run(args)
}
