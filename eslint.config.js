// One lint setup for the repository. Its main job beyond style: the import direction of
// ../shared/ARCHITECTURE.md (renderer → shared; electron/main → electron/core → shared; server → shared).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

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
  layer(['shared/**'], [
    forbid('shared/ imports nothing of ours outside shared/.', '**/electron/**', '**/server/**', '**/renderer/**', '**/test/**'),
    forbid('shared/ is pure: no Node, DOM, Electron or UI libraries.', ...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', 'fastify', 'pdfjs-dist*'),
  ]),
  layer(['renderer/**'], [
    forbid('The renderer talks only to the workstation API (shared/contracts); it never imports electron/ or server/.', '**/electron/**', '**/server/**'),
    forbid('The renderer runs in a sandboxed page: no Node or Electron modules.', ...nodeBuiltins, 'electron', 'better-sqlite3', 'fastify'),
  ]),
  layer(['electron/core/**'], [
    forbid('electron/core is plain Node: it never imports Electron, the shell, the transports, the renderer or the service.', 'electron', '**/main/**', '**/preload/**', '**/browser-host/**', '**/renderer/**', '**/server/**'),
  ]),
  layer(['electron/main/**', 'electron/preload/**', 'electron/browser-host/**'], [
    forbid('Transports wire electron/core to a renderer; they never import the renderer or the service.', '**/renderer/**', '**/server/**'),
  ]),
  layer(['server/**'], [
    forbid('The service imports only shared/; it knows nothing of the workstation.', '**/electron/**', '**/renderer/**', 'electron'),
  ]),
);
