/**
 * A tiny Monarch tokenizer for JSON. Monaco's own JSON support is a language service with a worker;
 * a read-only diff only needs colours, so this stays in the lean bundle instead.
 */
import type { languages } from 'monaco-editor/editor'

export const JSON_TOKENS: languages.IMonarchLanguage = {
  tokenPostfix: '.json',
  tokenizer: {
    root: [
      [/"(?:[^"\\]|\\.)*"(?=\s*:)/, 'type'],
      [/"(?:[^"\\]|\\.)*"/, 'string'],
      [/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/, 'number'],
      [/\b(?:true|false|null)\b/, 'keyword'],
      [/[{}[\],:]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
  },
}
