/**
 * The import rules of the gateway (issue 16: a source is one folder). `npm test` runs `depcruise src`, which
 * fails on any of these. Type-only imports may cross where a shared type must name a source's own type.
 */
/** The leaf helpers that sources use: they import nothing above them (no context, registry, server or source). */
const LEAVES = '^src/(errors/|graph/(globalId|cursor|settings|jsonPatch|ids|merge|jsonInput|writeLocks)\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'console-speaks-graphql-only',
      severity: 'error',
      comment:
        'The console (console/) uses the public GraphQL API through its generated documents only: it imports nothing of the gateway, its examples or its tests.',
      from: { path: '^console/' },
      to: { path: '^(src|examples|test|scripts)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A runtime import cycle (type-only imports are erased and do not count).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'source-is-one-folder',
      severity: 'error',
      comment: 'Only the registry (src/sources/index.ts) imports a source folder; everything else speaks to sources through the port.',
      from: { path: '^src/', pathNot: ['^src/sources/index\\.ts$', '^src/sources/([^/]+)/'] },
      to: { path: '^src/sources/[^/]+/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-source-to-source',
      severity: 'error',
      comment: 'A source imports no other source.',
      from: { path: '^src/sources/([^/]+)/' },
      to: { path: '^src/sources/[^/]+/', pathNot: '^src/sources/$1/' },
    },
    {
      name: 'no-source-to-server',
      severity: 'error',
      comment: 'A source imports nothing of the downstream server, the registry or the request context.',
      from: { path: '^src/sources/[^/]+/' },
      to: { path: '^src/(server/|sources/index\\.ts$|context\\.ts$|schema\\.ts$)', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'leaves-stay-leaves',
      severity: 'error',
      comment: 'The leaf helpers (errors, global ids, cursors, settings, JSON Patch, ids, merge, JSON input, write locks) import only other leaves.',
      from: { path: LEAVES },
      to: { path: '^src/', pathNot: LEAVES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'sandboxes-off-the-request-path',
      severity: 'error',
      comment:
        'Nothing but a sandbox imports a sandbox, not even dynamically: a source names its sandbox module by URL (connection.sandbox) and src/sources/connect.ts loads it with a computed import, which no build follows, so that npm run build:prod leaves the sandboxes out.',
      from: { path: '^src/', pathNot: ['(^|/)sandbox/'] },
      to: { path: '(^|/)sandbox/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/__generated__/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.js'] },
  },
};
