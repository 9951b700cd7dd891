import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Route } from '../platform/http';

export const DEFAULT_EXAMPLE_QUERY =
  '# Enforcement supergraph: write a query and press the run button.\nquery Example {\n  __typename\n}\n';

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The page's four files, served by the gateway itself: the bureau's network may have no internet, and a CDN would see who queries. */
const ASSET_SOURCES: Record<string, { pkg: string; file: string; contentType: string }> = {
  'react.production.min.js': { pkg: 'react', file: 'umd/react.production.min.js', contentType: JS },
  'react-dom.production.min.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', contentType: JS },
  'graphiql.min.js': { pkg: 'graphiql', file: 'graphiql.min.js', contentType: JS },
  'graphiql.min.css': { pkg: 'graphiql', file: 'graphiql.min.css', contentType: CSS },
};

interface Asset {
  body: Buffer;
  contentType: string;
  /** The package version, put in the asset's URL so browsers may cache it for good and still see an upgrade. */
  version: string;
}

function packageVersion(manifestPath: string): string {
  const manifest: unknown = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined;
  if (typeof version !== 'string') throw new Error(`${manifestPath} has no version`);
  return version;
}

let loaded: Map<string, Asset> | undefined;

/** Read once per process, at start rather than on the first page view, so a broken install fails at boot. */
function loadAssets(): Map<string, Asset> {
  if (loaded) return loaded;
  const assets = new Map<string, Asset>();
  for (const [name, { pkg, file, contentType }] of Object.entries(ASSET_SOURCES)) {
    const manifest = require.resolve(`${pkg}/package.json`);
    assets.set(name, { body: readFileSync(join(dirname(manifest), file)), contentType, version: packageVersion(manifest) });
  }
  loaded = assets;
  return assets;
}

/** JSON is valid JavaScript; escaping <, >, & and the line separators keeps any query from closing the script element. */
function scriptLiteral(value: string): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function renderPage(assets: Map<string, Asset>, exampleQuery: string, token: string | undefined): { html: string; csp: string } {
  const url = (name: string) => `/graphiql/${name}?v=${encodeURIComponent(assets.get(name)?.version ?? '')}`;
  // The headers editor starts with the token; GraphiQL does not persist headers, so it stays out of localStorage.
  const headers = token ? `, defaultHeaders: ${scriptLiteral(JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2))}` : '';
  const boot = [
    `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });`,
    `const props = { fetcher, defaultQuery: ${scriptLiteral(exampleQuery)}${headers}, defaultEditorToolsVisibility: true };`,
    `ReactDOM.createRoot(document.getElementById('graphiql')).render(React.createElement(GraphiQL, props));`,
  ].join('\n');
  // The policy is what keeps the page offline: the browser itself refuses anything not from the gateway.
  const csp = [
    "default-src 'none'",
    `script-src 'self' 'sha256-${createHash('sha256').update(boot).digest('base64')}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Enforcement supergraph</title>
<link rel="stylesheet" href="${url('graphiql.min.css')}">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script src="${url('react.production.min.js')}"></script>
<script src="${url('react-dom.production.min.js')}"></script>
<script src="${url('graphiql.min.js')}"></script>
<script>${boot}</script>
</body>
</html>
`;
  return { html, csp };
}

/**
 * `GET /` answers the GraphiQL page, `GET /graphiql/<asset>` its files; everything else falls through.
 * `token`, a development bearer token, is written into the page: only for a developer's own machine.
 */
export function graphiqlRoute(exampleQuery: string = DEFAULT_EXAMPLE_QUERY, token?: string): Route {
  const assets = loadAssets();
  const page = renderPage(assets, exampleQuery, token);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': page.csp,
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : page.html);
      return true;
    }
    const asset = pathname.startsWith('/graphiql/') ? assets.get(pathname.slice('/graphiql/'.length)) : undefined;
    if (!asset) return false;
    res.writeHead(200, {
      'content-type': asset.contentType,
      'content-length': asset.body.length,
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : asset.body);
    return true;
  };
}
