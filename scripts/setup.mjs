#!/usr/bin/env node
/**
 * Installs what `npm start` and `npm test` need before they run (their `prestart`/`pretest` hooks), so each of the
 * README's two commands works on a fresh clone:
 * - the npm packages, with `npm ci`, whenever package-lock.json changed since the last install here (a stamp in
 *   node_modules holds the lock file's SHA-256);
 * - with `--test`, the Debian packages the tests drive: Chromium (end-to-end tests), binutils' readelf (the ELF
 *   reader is checked against it) and LLVM's llvm-readobj (the Mach-O and PE readers are), through apt-get.
 * Plain Node, no dependencies: it runs before node_modules exists.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const stampPath = join(root, 'node_modules', '.reprodiff-lock-sha256')

function run(command, args) {
  console.log(`setup: ${command} ${args.join(' ')}`)
  execFileSync(command, args, { cwd: root, stdio: 'inherit' })
}

function installNpmPackages() {
  const lockSha256 = createHash('sha256').update(readFileSync(join(root, 'package-lock.json'))).digest('hex')
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8').trim() === lockSha256) return
  run('npm', ['ci', '--no-audit', '--no-fund'])
  writeFileSync(stampPath, `${lockSha256}\n`)
}

function onPath(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Whether Debian's own python3 (not a pyenv or venv one earlier on the PATH) can import `module`. */
function debianPythonHas(module) {
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${module}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** The Debian packages the tests need, each with the check that tells whether it is there. */
function missingDebianPackages() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
  const wanted = [
    { name: 'chromium', present: existsSync(chromium) },
    { name: 'binutils', present: onPath('readelf') },
    { name: 'llvm', present: onPath('llvm-readobj') },
    // The build backends test/fixtures/trace_pairs.py builds the source trace pairs with, for Debian's python3.
    ...['build', 'setuptools', 'wheel', 'hatchling'].map((module) => ({ name: `python3-${module}`, present: debianPythonHas(module) })),
  ]
  return wanted.filter((entry) => !entry.present).map((entry) => entry.name)
}

function installDebianPackages() {
  const missing = missingDebianPackages()
  if (missing.length === 0) return
  if (!onPath('apt-get')) {
    throw new Error(`setup: the tests need the Debian packages ${missing.join(', ')}, and apt-get is not available to install them`)
  }
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo']
  const apt = (args) => (asRoot.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args))
  process.env.DEBIAN_FRONTEND = 'noninteractive'
  apt(['update', '-qq'])
  apt(['install', '-y', '-qq', ...missing])
}

installNpmPackages()
if (process.argv.includes('--test')) installDebianPackages()
