/**
 * What a browser gets on GET /graphql (`GATEWAY_LANDING_PAGE`): GraphiQL served by the gateway itself from its
 * node_modules (no CDN: works offline), with a welcome query and one tab per example operation; Apollo's embedded
 * Sandbox (its UI comes from Apollo's servers, so it needs internet); or a static page that loads nothing
 * (production). `serveLandingAsset` serves GraphiQL's files below ASSET_PATH. Internal module.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { ApolloServerPlugin, GraphQLServerListener } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { Kind, parse, Source, TokenKind, visit, type ASTNode, type DefinitionNode, type FragmentDefinitionNode } from 'graphql';
import type { Config } from '../config/types.js';
import { schemaDir } from '../schema.js';

/** Where GraphiQL's files are served: below the GraphQL endpoint, so one proxy rule covers both. */
export const ASSET_PATH = '/graphql/explorer/';

/** The first tab: runs as it is, with no variables. */
export const WELCOME_QUERY = `# Welcome to connector-gateway.
# Ctrl-Enter (or ▶) runs this.
# More: operations in examples/.
query FirstConnectors {
  connectors(first: 5) {
    edges {
      node {
        id
        source
        displayName
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`;

/** A GraphiQL tab (its `defaultTabs` prop). */
export interface ExplorerTab {
  query: string;
  variables?: string;
}

/** The landing page plugin for `config.landingPage`; the example operations come from `examplesDir`. */
export function landingPagePlugin(config: Pick<Config, 'landingPage'>, examplesDir = join(dirname(schemaDir()), 'examples')): ApolloServerPlugin {
  return {
    async serverWillStart(context) {
      if (config.landingPage === 'static') return landingPage(staticPage());
      let examples: ReturnType<typeof readExamples> = { tabs: [], definitions: [] };
      try {
        examples = readExamples(examplesDir);
      } catch (error) {
        context.logger.warn(`Example operations left out of the landing page: ${(error as Error).message}`);
      }
      if (config.landingPage === 'graphiql') return landingPage(graphiqlPage([{ query: WELCOME_QUERY }, ...examples.tabs]));
      const apollo = ApolloServerPluginLandingPageLocalDefault({
        document: [WELCOME_QUERY, ...examples.definitions].join('\n'),
        includeCookies: false,
        embed: { runTelemetry: false, endpointIsEditable: false },
      });
      return apollo.serverWillStart?.(context);
    },
  };
}

function landingPage(html: string): GraphQLServerListener {
  return { renderLandingPage: () => Promise.resolve({ html }) };
}

// ---------------------------------------------------------------------------------------------------------------
// Example operations

/**
 * The operations in examples/: whole `.graphql` files, and the `graphql(\`…\`)` documents of `.ts` files (the
 * client preset's, which are static strings). One tab per operation, with the fragments it uses and its variables
 * listed as null (those with a default left out); `definitions` is every operation and fragment once.
 */
export function readExamples(dir: string): { tabs: ExplorerTab[]; definitions: string[] } {
  if (!existsSync(dir)) return { tabs: [], definitions: [] };
  const texts: string[] = [];
  for (const file of readdirSync(dir).sort()) {
    const text = (): string => readFileSync(join(dir, file), 'utf8');
    if (file.endsWith('.graphql')) texts.push(text());
    else if (file.endsWith('.ts') && !file.endsWith('.d.ts'))
      for (const [, operation] of text().matchAll(/\bgraphql\(\s*`([^`]*)`/g)) if (operation !== undefined) texts.push(operation);
  }
  const source = new Source(texts.join('\n'));
  const document = parse(source);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const tabs: ExplorerTab[] = [];
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    const used = [...fragmentsUsed(d, fragments).values()].map((fragment) => textOf(fragment, source));
    const variables = (d.variableDefinitions ?? []).filter((v) => v.defaultValue === undefined).map((v) => [v.variable.name.value, null]);
    tabs.push({
      query: [textOf(d, source), ...used].join('\n\n') + '\n',
      ...(variables.length > 0 ? { variables: JSON.stringify(Object.fromEntries(variables), null, 2) } : {}),
    });
  }
  return { tabs, definitions: document.definitions.map((d) => textOf(d, source) + '\n') };
}

/** The fragments `node` spreads, directly or through other fragments, by name. */
function fragmentsUsed(
  node: ASTNode,
  fragments: Map<string, FragmentDefinitionNode>,
  seen = new Map<string, FragmentDefinitionNode>(),
): Map<string, FragmentDefinitionNode> {
  visit(node, {
    FragmentSpread(spread) {
      const fragment = fragments.get(spread.name.value);
      if (fragment === undefined || seen.has(fragment.name.value)) return;
      seen.set(fragment.name.value, fragment);
      fragmentsUsed(fragment, fragments, seen);
    },
  });
  return seen;
}

/** A definition's text as written, with the comment lines right above it, dedented. */
function textOf(definition: DefinitionNode, source: Source): string {
  const { loc } = definition;
  if (!loc) throw new Error('The examples are parsed with their locations.');
  let first = loc.startToken;
  while (first.prev?.kind === TokenKind.COMMENT) first = first.prev;
  const lineStart = source.body.lastIndexOf('\n', first.start - 1) + 1;
  // From the start of its line when only indentation precedes it there.
  const start = source.body.slice(lineStart, first.start).trim() === '' ? lineStart : first.start;
  const lines = source.body.slice(start, loc.end).split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Pages

const CSP_GRAPHIQL = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  // GraphiQL's fonts and icons are data: URLs inside its stylesheet.
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** GraphiQL: every file from the gateway itself, the tabs as a JSON data block that boot.js reads. */
function graphiqlPage(tabs: ExplorerTab[]): string {
  const assets = loadAssets();
  const url = (name: string): string => {
    const asset = assets.get(name);
    if (!asset) throw new Error(`The landing page has no asset ${name}.`);
    return `${ASSET_PATH}${name}?v=${asset.version}`;
  };
  // `<` escaped, so no `</script>` in a query can end the data block.
  const data = JSON.stringify({ tabs }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP_GRAPHIQL}">
<title>connector-gateway · GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${url('graphiql.min.css')}">
<link rel="stylesheet" href="${url('page.css')}">
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="application/json" id="graphiql-config">${data}</script>
<script src="${url('react.production.min.js')}"></script>
<script src="${url('react-dom.production.min.js')}"></script>
<script src="${url('graphiql.min.js')}"></script>
<script src="${url('boot.js')}"></script>
</body>
</html>
`;
}

const STATIC_STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222}code{background:#f2f2f2;padding:0 .2em}';

/** The production page: what the URL is, and no request of any kind (the CSP allows only its own style). */
function staticPage(): string {
  const styleHash = createHash('sha256').update(STATIC_STYLE).digest('base64');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'">
<title>connector-gateway</title>
<link rel="icon" href="data:,">
<style>${STATIC_STYLE}</style>
</head>
<body>
<h1>connector-gateway</h1>
<p>This URL is a GraphQL endpoint. Send operations in a <code>POST</code> with a JSON body
(<code>{"query": "…", "variables": {…}}</code>) and <code>Content-Type: application/json</code>.</p>
<p>The schema, every type and field described, is <code>schema.graphql</code> in the gateway's repository.</p>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------------------------
// Assets

/**
 * Starts GraphiQL in #graphiql: the page is served by the GraphQL endpoint itself, so its own URL is the endpoint. It
 * opens with the Docs shown (the README's screenshot is this first view, after ▶); a reader can close them.
 */
const BOOT_SCRIPT = `'use strict';
(function () {
  var config = JSON.parse(document.getElementById('graphiql-config').textContent);
  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + window.location.pathname });
  var logo = React.createElement(GraphiQL.Logo, null, 'connector-gateway');
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultTabs: config.tabs, shouldPersistHeaders: false, visiblePlugin: 'Documentation Explorer' }, logo),
  );
})();
`;

const PAGE_STYLE = 'html,body,#graphiql{height:100%;margin:0}\n.graphiql-logo{white-space:nowrap}\n';

/** Vendor files by the name they are served under: package and path inside it. Nothing else is served. */
const VENDOR_FILES: Record<string, [pkg: string, path: string]> = {
  'react.production.min.js': ['react', 'umd/react.production.min.js'],
  'react-dom.production.min.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.min.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.min.css': ['graphiql', 'graphiql.min.css'],
};

interface Asset {
  body: Buffer;
  /** Compressed on the first request that accepts gzip (1.5 MB of files: about 36 ms, kept off the start-up path). */
  gzip?: Buffer;
  type: string;
  /** A hash of the content: the `?v=` of its URL (which makes a year of caching safe) and its ETag. */
  version: string;
}

let assets: Map<string, Asset> | undefined;

/** Reads (once) the files that ASSET_PATH serves: the vendor files from node_modules, and the page's own two. */
function loadAssets(): Map<string, Asset> {
  if (assets !== undefined) return assets;
  const require = createRequire(import.meta.url);
  const files: [string, Buffer][] = Object.entries(VENDOR_FILES).map(([name, [pkg, path]]) => [
    name,
    readFileSync(join(dirname(require.resolve(`${pkg}/package.json`)), path)),
  ]);
  files.push(['boot.js', Buffer.from(BOOT_SCRIPT)], ['page.css', Buffer.from(PAGE_STYLE)]);
  assets = new Map(
    files.map(([name, body]) => [
      name,
      {
        body,
        type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
        version: createHash('sha256').update(body).digest('base64url').slice(0, 16),
      },
    ]),
  );
  return assets;
}

/**
 * Answers a request whose path starts with ASSET_PATH: one of the known files (GET or HEAD), gzipped when the
 * client accepts it, cached for a year (the URLs carry a content hash); anything else is 404, so no path can
 * reach another file.
 */
export function serveLandingAsset(req: IncomingMessage, res: ServerResponse, path: string): void {
  const asset = path.startsWith(ASSET_PATH) ? loadAssets().get(path.slice(ASSET_PATH.length)) : undefined;
  if (asset === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('Method not allowed.');
    return;
  }
  const etag = `"${asset.version}"`;
  const headers: Record<string, string | number> = {
    'content-type': asset.type,
    'cache-control': 'public, max-age=31536000, immutable',
    etag,
    vary: 'accept-encoding',
    'x-content-type-options': 'nosniff',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers).end();
    return;
  }
  const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  const body = gzip ? (asset.gzip ??= gzipSync(asset.body)) : asset.body;
  if (gzip) headers['content-encoding'] = 'gzip';
  headers['content-length'] = body.length;
  res.writeHead(200, headers).end(req.method === 'HEAD' ? undefined : body);
}
