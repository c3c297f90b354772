import { describe, expect, it } from 'vitest'
import { indexBase, parseSideSpec } from '../../../src/core/source/index'

describe('parseSideSpec', () => {
  it('reads pypi:PROJECT==VERSION with and without a file name', () => {
    expect(parseSideSpec('pypi:attrs==23.1.0')).toEqual({ kind: 'pypi', project: 'attrs', version: '23.1.0' })
    expect(parseSideSpec('pypi:zope.interface==6.0:zope.interface-6.0-py3-none-any.whl'))
      .toEqual({ kind: 'pypi', project: 'zope.interface', version: '6.0', filename: 'zope.interface-6.0-py3-none-any.whl' })
  })

  it('reads npm:NAME@VERSION, scoped names included', () => {
    expect(parseSideSpec('npm:left-pad@1.3.0')).toEqual({ kind: 'npm', name: 'left-pad', version: '1.3.0' })
    expect(parseSideSpec('npm:@types/node@20.1.0')).toEqual({ kind: 'npm', name: '@types/node', version: '20.1.0' })
  })

  it('takes http(s) URLs as URLs and anything else as a path', () => {
    expect(parseSideSpec('https://example.org/a.whl')).toEqual({ kind: 'url', url: 'https://example.org/a.whl' })
    expect(parseSideSpec('HTTP://127.0.0.1:8000/x.tgz').kind).toBe('url')
    expect(parseSideSpec('dist/a.whl')).toEqual({ kind: 'path', path: 'dist/a.whl' })
    expect(parseSideSpec('ftp://example.org/a.whl')).toEqual({ kind: 'path', path: 'ftp://example.org/a.whl' })
  })

  it('names what is wrong with a malformed spec', () => {
    expect(parseSideSpec('pypi:attrs')).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('needs a version') })
    expect(parseSideSpec('pypi:../x==1')).toMatchObject({ kind: 'invalid' })
    expect(parseSideSpec('pypi:a==1:../../etc/passwd')).toMatchObject({ kind: 'invalid' })
    expect(parseSideSpec('npm:left-pad')).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('needs a version') })
    expect(parseSideSpec('npm:@scope@1')).toMatchObject({ kind: 'invalid' })
  })

  it('drops trailing slashes of an index base', () => {
    expect(indexBase(' https://pypi.org/ ')).toBe('https://pypi.org')
    expect(indexBase('http://127.0.0.1:3141/root/pypi//')).toBe('http://127.0.0.1:3141/root/pypi')
  })
})
