// Lint = the module boundaries of ARCHITECTURE.md ("Module boundaries"), enforced on every `npm test`.
// Each layer may import only what the table allows; type-only imports of core types are always allowed.
import tseslint from 'typescript-eslint'

const everythingOutsideCore = ['**/worker/**', '**/store/**', '**/ui/**', '**/cli/**', 'react', 'react-dom', 'react-dom/*', 'zustand', 'monaco-editor', 'monaco-editor/*']

/** no-restricted-imports with type-only imports allowed, as excalidraw's boundary rule does. */
function restrict(patterns, message) {
  return {
    'no-restricted-imports': ['error', { patterns: [{ group: patterns, message, allowTypeImports: true }] }],
  }
}

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: { 'no-debugger': 'error', 'no-eval': 'error', 'no-implied-eval': 'error' },
  },
  {
    files: ['src/core/**'],
    rules: restrict(everythingOutsideCore, 'src/core is plain TypeScript: no worker, store, UI, React, zustand or Monaco (ARCHITECTURE.md).'),
  },
  {
    files: ['src/core/archive/**'],
    rules: restrict([...everythingOutsideCore, '**/compare/**', '**/analyze/**', '**/binary/**'], 'core/archive reads formats only; it must not know about comparison, analysis or binary structure.'),
  },
  {
    files: ['src/core/binary/**'],
    rules: restrict([...everythingOutsideCore, '**/archive/**', '**/compare/**', '**/analyze/**', '**/python/**'], 'core/binary parses member bytes; it may import only core/util and core/errors (core/types by type).'),
  },
  {
    files: ['src/core/compare/**'],
    rules: restrict([...everythingOutsideCore, '**/analyze/**'], 'core/compare must not depend on core/analyze.'),
  },
  {
    files: ['src/core/python/**'],
    rules: restrict([...everythingOutsideCore, '**/archive/**', '**/compare/**', '**/analyze/**', '**/binary/**'], 'core/python parses packaging formats from text only.'),
  },
  {
    files: ['src/core/analyze/**'],
    rules: restrict([...everythingOutsideCore, '**/archive/**'], 'core/analyze works on comparisons, never on archive readers.'),
  },
  {
    files: ['src/core/export/**'],
    rules: restrict([...everythingOutsideCore, '**/archive/**', '**/binary/**', '**/python/**', '**/source/**'], 'core/export renders a report; it never reads archives, binaries or sources itself (ARCHITECTURE.md).'),
  },
  {
    files: ['src/core/source/**'],
    rules: restrict([...everythingOutsideCore, '**/archive/**', '**/binary/**', '**/python/**', '**/export/**'], 'core/source resolves, downloads and checks a side with the fetch it is given; it never reads archives.'),
  },
  {
    files: ['src/worker/**'],
    rules: restrict(['**/store/**', '**/ui/**', 'react', 'react-dom', 'zustand', 'monaco-editor', 'monaco-editor/*', '**/core/*/**'], 'worker/ uses core only through src/core/index.ts (and src/core/reading.ts, its reading path alone), and never store, UI, React or Monaco.'),
  },
  {
    files: ['src/store/**'],
    rules: restrict(['**/ui/**', 'react-dom', 'monaco-editor', 'monaco-editor/*', '**/core/*/**', '**/worker/compare.worker*'], 'store/ talks to the worker client; core only by type (and display helpers via core/index).'),
  },
  {
    files: ['src/ui/**'],
    rules: restrict(['**/core/**', '**/worker/**'], 'ui/ reads the store; core only by type, workers never directly.'),
  },
  {
    files: ['src/ui/**'],
    ignores: ['src/ui/editor/**'],
    rules: restrict(['**/core/**', '**/worker/**', 'monaco-editor', 'monaco-editor/*'], 'ui/ reads the store (core only by type, workers never directly); Monaco only under ui/editor/.'),
  },
  {
    files: ['src/cli/**'],
    rules: restrict(['**/worker/**', '**/store/**', '**/ui/**', 'react', 'react-dom', 'zustand', 'monaco-editor', '**/core/*/**'], 'The CLI drives core through src/core/index.ts only.'),
  },
)
