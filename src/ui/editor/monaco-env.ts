/**
 * The lean, local Monaco: core API, the diff editor and only the tokenizers language.ts can name.
 * Imported only by DiffView (itself loaded on first use), so the ~3 MB editor is never in the first load.
 */
import * as monaco from 'monaco-editor/editor'
import 'monaco-editor/features/codicon/register' // without it the icon font never loads (blank icons)
import 'monaco-editor/features/diffEditor/register'
import 'monaco-editor/features/find/register'
import 'monaco-editor/languages/definitions/python/register'
import 'monaco-editor/languages/definitions/markdown/register'
import 'monaco-editor/languages/definitions/ini/register'
import 'monaco-editor/languages/definitions/yaml/register'
import 'monaco-editor/languages/definitions/shell/register'
import 'monaco-editor/languages/definitions/xml/register'
import 'monaco-editor/languages/definitions/html/register'
import 'monaco-editor/languages/definitions/restructuredtext/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'
import { JSON_TOKENS } from './json-language'

// Required: Monaco's built-in worker URL does not survive Vite, and without a worker no diff is computed.
// One label-independent worker is enough, because no language service is bundled.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() }

monaco.languages.register({ id: 'json', extensions: ['.json'] })
monaco.languages.setMonarchTokensProvider('json', JSON_TOKENS)

export { monaco }
