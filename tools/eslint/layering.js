// The import allow-list of ../shared/ARCHITECTURE.md as an ESLint rule (after VS Code's `code-layering`):
// every file belongs to one layer by its folder, and a relative import may only reach the layers its own lists.
import path from 'node:path';

/** Layers in matching order: the first whose prefix a repository-relative path starts with wins. */
export const LAYERS = [
  { name: 'common', prefix: 'common/' },
  { name: 'shared', prefix: 'shared/' },
  { name: 'core', prefix: 'electron/core/' },
  { name: 'main', prefix: 'electron/main/' },
  { name: 'preload', prefix: 'electron/preload/' },
  { name: 'browser-host', prefix: 'electron/browser-host/' },
  { name: 'electron-build', prefix: 'electron/build.ts' },
  { name: 'renderer', prefix: 'renderer/' },
  { name: 'server', prefix: 'server/' },
  { name: 'bench', prefix: 'bench/' },
  { name: 'scripts', prefix: 'scripts/' },
  { name: 'resources', prefix: 'resources/' },
  { name: 'tools', prefix: 'tools/' },
  { name: 'test', prefix: 'test/' },
];

/** What each layer may import besides itself. Nothing imports renderer or server but tests, bench and scripts. */
export const ALLOWED = {
  shared: [],
  common: ['shared'],
  server: ['shared', 'common'],
  core: ['shared', 'common'],
  main: ['core', 'shared', 'common'],
  'browser-host': ['core', 'shared', 'common'],
  preload: ['shared'],
  renderer: ['shared'],
  'electron-build': [],
  // The benchmark drives every program as a user would, borrows the tests' service starter, and opens
  // documents in its clean pdf.js page with the renderer's own options.
  bench: ['shared', 'common', 'server', 'core', 'browser-host', 'renderer', 'test'],
  // start.ts runs the demo service and the browser host (or Electron) side by side.
  scripts: ['shared', 'common', 'server', 'core', 'browser-host'],
  resources: [],
  tools: [],
  test: ['shared', 'common', 'server', 'core', 'main', 'preload', 'browser-host', 'renderer', 'bench', 'scripts', 'tools', 'electron-build'],
};

export function layerOf(relativePath) {
  const p = relativePath.split(path.sep).join('/');
  return LAYERS.find((l) => p === l.prefix || p.startsWith(l.prefix))?.name ?? null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const codeLayering = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the allow-list of layers in ARCHITECTURE.md' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { forbidden: '{{from}} may not import {{to}} ({{source}}); {{from}} may import: {{allowed}}.' },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = path.relative(root, context.filename);
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.relative(root, path.resolve(path.dirname(context.filename), source));
      const to = layerOf(target);
      if (!to || to === from || ALLOWED[from].includes(to)) return;
      context.report({ node, messageId: 'forbidden', data: { from, to, source, allowed: ALLOWED[from].join(', ') || 'nothing of ours' } });
    };
    const bySource = (node) => check(node.source, node.source?.value);
    return {
      ImportDeclaration: bySource,
      ExportNamedDeclaration: bySource,
      ExportAllDeclaration: bySource,
      ImportExpression: (node) => check(node.source, node.source.type === 'Literal' ? node.source.value : undefined),
    };
  },
};
