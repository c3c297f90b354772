import { describe, expect, it } from 'vitest'
import { npmVersionUrl, pypiReleaseUrl } from '../../../src/core/source/index'
import { parseNpmVersion } from '../../../src/core/source/npm'
import { parsePypiRelease, pickReleaseFile } from '../../../src/core/source/pypi'
import { toCoreError } from '../../../src/core/errors'

const SHA = 'ab'.repeat(32)

describe('the Python index JSON API', () => {
  it('builds <index>/pypi/<project>/<version>/json', () => {
    expect(pypiReleaseUrl('https://pypi.org/', 'attrs', '23.1.0')).toBe('https://pypi.org/pypi/attrs/23.1.0/json')
    expect(pypiReleaseUrl('http://127.0.0.1:3141/root/pypi', 'a b', '1+local')).toBe('http://127.0.0.1:3141/root/pypi/pypi/a%20b/1%2Blocal/json')
  })

  it('reads urls[] with digests.sha256, resolving relative URLs against the document', () => {
    const files = parsePypiRelease({ urls: [
      { filename: 'a-1-py3-none-any.whl', url: '/files/a-1-py3-none-any.whl', digests: { sha256: SHA.toUpperCase() }, size: 10 },
      { filename: 'a-1.tar.gz', url: 'https://files.example/a-1.tar.gz', digests: { md5: 'x' } },
      { filename: 42 },
    ] }, 'http://127.0.0.1:9/pypi/a/1/json')
    expect(files).toEqual([
      { filename: 'a-1-py3-none-any.whl', url: 'http://127.0.0.1:9/files/a-1-py3-none-any.whl', publishedDigest: `sha256:${SHA}`, size: 10 },
      { filename: 'a-1.tar.gz', url: 'https://files.example/a-1.tar.gz' },
    ])
  })

  it('refuses a document without urls[] and names the files when the one asked for is missing', () => {
    expect(() => parsePypiRelease({ info: {} }, 'u')).toThrow(/no "urls" list/)
    const files = [{ filename: 'a.whl', url: 'u1' }, { filename: 'a.tar.gz', url: 'u2' }]
    expect(pickReleaseFile(files, 'a.tar.gz', 'a 1').url).toBe('u2')
    expect(pickReleaseFile([files[0]], undefined, 'a 1').url).toBe('u1')
    const error = (() => { try { pickReleaseFile(files, undefined, 'a 1') } catch (e) { return toCoreError(e) } })()
    expect(error?.message).toContain('a.whl, a.tar.gz')
  })
})

describe('the npm registry', () => {
  it('builds <registry>/<name>/<version>, a scoped name with its slash escaped', () => {
    expect(npmVersionUrl('https://registry.npmjs.org/', 'left-pad', '1.3.0')).toBe('https://registry.npmjs.org/left-pad/1.3.0')
    expect(npmVersionUrl('https://registry.npmjs.org', '@types/node', '20.1.0')).toBe('https://registry.npmjs.org/@types%2Fnode/20.1.0')
  })

  it('reads dist.tarball and dist.integrity', () => {
    const file = parseNpmVersion({ dist: { tarball: 'https://r.example/left-pad/-/left-pad-1.3.0.tgz', integrity: 'sha512-abc', shasum: 'x' } }, 'https://r.example/left-pad/1.3.0')
    expect(file).toEqual({ filename: 'left-pad-1.3.0.tgz', url: 'https://r.example/left-pad/-/left-pad-1.3.0.tgz', publishedDigest: 'sha512-abc' })
    expect(() => parseNpmVersion({ name: 'x' }, 'u')).toThrow(/dist.tarball/)
  })
})
