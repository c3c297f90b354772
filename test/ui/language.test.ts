import { describe, expect, it } from 'vitest'
import { languageForPath } from '../../src/ui/editor/language'

describe('languageForPath', () => {
  it.each([
    ['pkg/core.py', 'python'], ['pkg/core.pyi', 'python'], ['README.md', 'markdown'], ['pyproject.toml', 'ini'],
    ['setup.cfg', 'ini'], ['tox.ini', 'ini'], ['data/defaults.JSON', 'json'], ['ci.yml', 'yaml'], ['build.sh', 'shell'],
    ['docs/index.rst', 'restructuredtext'], ['a/b.xml', 'xml'], ['a/b.html', 'html'], ['notes.txt', 'plaintext'],
    ['pkg-1.0.dist-info/RECORD', 'plaintext'], ['pkg-1.0/PKG-INFO', 'plaintext'], ['x.dist-info/entry_points.txt', 'ini'],
    ['LICENSE', 'plaintext'], ['.gitignore', 'plaintext'], ['archive.tar.gz', 'plaintext'],
  ])('%s → %s', (path, language) => {
    expect(languageForPath(path)).toBe(language)
  })
})
