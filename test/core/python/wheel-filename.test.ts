/** Wheel and sdist file names: {distribution}-{version}(-{build tag})?-{python}-{abi}-{platform}.whl. */
import { describe, expect, it } from 'vitest'
import { parseSdistFilename, parseWheelFilename } from '../../../src/core/python/wheel-filename'

describe('parseWheelFilename', () => {
  it('reads the five parts', () => {
    expect(parseWheelFilename('pkg-1.0-py3-none-any.whl')).toEqual({ distribution: 'pkg', version: '1.0', buildTag: null, pythonTag: 'py3', abiTag: 'none', platformTag: 'any' })
  })

  it('reads a build tag', () => {
    expect(parseWheelFilename('pkg-1.0-1b-cp311-cp311-linux_x86_64.whl')).toMatchObject({ version: '1.0', buildTag: '1b', pythonTag: 'cp311', abiTag: 'cp311', platformTag: 'linux_x86_64' })
  })

  it('keeps compressed tag sets whole and accepts an upper-case extension', () => {
    expect(parseWheelFilename('MarkupSafe-2.1.5-py2.py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.WHL')).toMatchObject({
      distribution: 'MarkupSafe', pythonTag: 'py2.py3', platformTag: 'manylinux_2_17_x86_64.manylinux2014_x86_64',
    })
  })

  it('rejects names with too few or too many parts, and other extensions', () => {
    expect(parseWheelFilename('pkg-1.0-py3-none.whl')).toBeNull()
    expect(parseWheelFilename('pkg-1.0-1-2-py3-none-any.whl')).toBeNull()
    expect(parseWheelFilename('pkg-1.0-py3-none-any.zip')).toBeNull()
    expect(parseWheelFilename('left.whl')).toBeNull()
  })
})

describe('parseSdistFilename', () => {
  it('takes the version after the last dash, for every sdist extension', () => {
    expect(parseSdistFilename('MarkupSafe-2.1.2.tar.gz')).toEqual({ distribution: 'MarkupSafe', version: '2.1.2' })
    expect(parseSdistFilename('my-pkg-1.0rc1.zip')).toEqual({ distribution: 'my-pkg', version: '1.0rc1' })
    expect(parseSdistFilename('pkg-1.0.tgz')).toEqual({ distribution: 'pkg', version: '1.0' })
    expect(parseSdistFilename('pkg-2.0.post1.tar.bz2')).toEqual({ distribution: 'pkg', version: '2.0.post1' })
  })

  it('rejects names without a version or with another extension', () => {
    expect(parseSdistFilename('pkg.tar.gz')).toBeNull()
    expect(parseSdistFilename('pkg-1.0.whl')).toBeNull()
  })
})
