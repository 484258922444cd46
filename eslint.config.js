// One lint setup for the repository. Its main job beyond style: the import allow-list of
// ../shared/ARCHITECTURE.md (tools/eslint/layering.js) and the packages each layer must not load.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { codeLayering } from './tools/eslint/layering.js';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'stream', 'url', 'util', 'events', 'worker_threads'];
const forbid = (message, ...group) => ({ group, message });
const layer = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-output/', '.data/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The rules of hooks and the React Compiler's checks (purity, refs, state set in effects) on the renderer; missing effect dependencies are errors too.
  { files: ['renderer/**/*.{ts,tsx}'], ...reactHooks.configs.flat['recommended-latest'] },
  { files: ['renderer/**/*.{ts,tsx}'], rules: { 'react-hooks/exhaustive-deps': 'error' } },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { local: { rules: { 'code-layering': codeLayering } } },
    rules: { 'local/code-layering': ['error', { root: import.meta.dirname }] },
  },
  layer(
    ['shared/**'],
    [
      forbid(
        'shared/ is pure: no Node, DOM, Electron or UI libraries.',
        ...nodeBuiltins,
        'electron',
        'react',
        'react-dom',
        'better-sqlite3',
        'fastify',
        'pdfjs-dist*',
      ),
    ],
  ),
  layer(
    ['renderer/**', 'electron/preload/**'],
    [forbid('The renderer and preload run in a sandboxed page: no Node modules or native packages.', ...nodeBuiltins, 'better-sqlite3', 'fastify')],
  ),
  layer(['renderer/**'], [forbid('The renderer talks only to the workstation API; it never loads Electron.', 'electron')]),
  layer(['electron/core/**', 'server/**', 'common/**'], [forbid('Plain Node layers never load Electron: the shell passes what it needs in.', 'electron')]),
);
