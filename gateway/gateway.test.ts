import { createHash } from 'node:crypto';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { ResolverMap } from '../subgraphs/kit/resolverMaps';
import { parse, type DocumentNode } from 'graphql';
import { gatewayConfig } from './config';
import { serveGraphQL, type Listening } from '../platform/http';
import { authorizationFor } from '../test/identities';
import { createGateway, type RunningGateway } from './createGateway';
import { subgraphNamesAndUrls } from './supergraph';

// Unset so the telemetry test shows createGateway itself set it, whatever the shell had.
delete process.env.APOLLO_TELEMETRY_DISABLED;

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

const cases = {
  name: 'cases',
  typeDefs: parse(`${LINK}
    type Query { case(number: String!): Case }
    type Case @key(fields: "number") { number: String! title: String! }`),
  resolvers: {
    Query: { case: (_: unknown, args: { number: string }) => ({ number: args.number, title: `Case ${args.number}` }) },
  },
};

const assets = {
  name: 'assets',
  typeDefs: parse(`${LINK}
    type Case @key(fields: "number") { number: String! vehicles: [String!]! }`),
  resolvers: {
    Case: { __resolveReference: (ref: { number: string }) => ({ number: ref.number, vehicles: [`plate-of-${ref.number}`] }) },
  },
};

const subgraphs: { name: string; typeDefs: DocumentNode; resolvers: object }[] = [cases, assets];
const servers: { apollo: ApolloServer; http: Listening }[] = [];
let gateway: RunningGateway;
let base: string;
let supergraphSdl: string;

beforeAll(async () => {
  const urls: Record<string, string> = {};
  for (const subgraph of subgraphs) {
    const schema = buildSubgraphSchema({ typeDefs: subgraph.typeDefs, resolvers: subgraph.resolvers as ResolverMap<unknown> });
    const apollo = new ApolloServer({
      schema,
      plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    });
    await apollo.start();
    const http = await serveGraphQL(apollo, 0, '127.0.0.1', { context: async () => ({}) });
    servers.push({ apollo, http });
    urls[subgraph.name] = http.url;
  }
  // Composed with URLs nobody listens on, so the query only succeeds if the overrides are used.
  const composed = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: s.typeDefs, url: `http://unused.invalid/${s.name}` })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  supergraphSdl = composed.supergraphSdl;
  const config = gatewayConfig({ DEVELOPMENT_MODE: 'true', GRAPHIQL: 'true' });
  gateway = await createGateway({
    supergraphSdl,
    subgraphUrls: urls,
    config,
    exampleQuery: '{ __typename } # </script><script>alert(1)</script>',
    graphiqlToken: 'a.b.c</script>',
  }).start(0, '127.0.0.1');
  base = new URL('/', gateway.url).href;
});

afterAll(async () => {
  await gateway?.stop();
  for (const { apollo, http } of servers) {
    await http.close();
    await apollo.stop();
  }
});

test('telemetry is disabled once a gateway is created', () => {
  expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
});

test('reads subgraph names and URLs from the supergraph', () => {
  expect(subgraphNamesAndUrls(supergraphSdl)).toEqual({ cases: 'http://unused.invalid/cases', assets: 'http://unused.invalid/assets' });
});

test('rejects an override for a subgraph the supergraph does not have', () => {
  expect(() => createGateway({ supergraphSdl, subgraphUrls: { cours: 'http://127.0.0.1:1/graphql' } })).toThrow(/cours/);
});

test('answers a query across both subgraphs', async () => {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
    body: JSON.stringify({ query: '{ case(number: "(2024)01执1") { number title vehicles } }' }),
  });
  expect(await response.json()).toEqual({
    data: { case: { number: '(2024)01执1', title: 'Case (2024)01执1', vehicles: ['plate-of-(2024)01执1'] } },
  });
});

test('refuses a query without a token, before calling any subgraph', async () => {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(response.status).toBe(401);
  expect(await response.json()).toEqual({
    errors: [{ message: expect.stringMatching(/bearer token/), extensions: { code: 'UNAUTHENTICATED' } }],
  });
});

test('a production gateway refuses to put a token into the GraphiQL page', () => {
  expect(() =>
    createGateway({ supergraphSdl, graphiqlToken: 'x', config: { ...gatewayConfig({ DEVELOPMENT_MODE: 'true' }), production: true } }),
  ).toThrow(/GraphiQL/);
});

test('GET /health answers ok', async () => {
  const response = await fetch(new URL('/health', base));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ok' });
});

test('the GraphiQL page loads everything from the gateway itself', async () => {
  const response = await fetch(base);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  const html = await response.text();
  expect(html).toContain('<title>Enforcement supergraph</title>');
  expect(html).not.toMatch(/https?:\/\//);
  expect(html).not.toContain('<script>alert(1)');
  expect(html).toContain('Bearer a.b.c\\u003c/script\\u003e'); // the default header, escaped like the query

  const references = [...html.matchAll(/(?:src|href)\s*=\s*"([^"]*)"/g)].map((match) => match[1]);
  expect(references).toHaveLength(4);
  for (const reference of references) {
    expect(reference).toMatch(/^\/[^/]/);
    const asset = await fetch(new URL(reference, base));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(reference.includes('.css') ? /^text\/css/ : /^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('max-age');
    expect((await asset.text()).length).toBeGreaterThan(5000);
  }
});

test.each([
  ['not an object', 'yes'],
  ['another version', { version: 2, sha256Hash: 'a'.repeat(64) }],
  ['a hash that is not hex', { version: 1, sha256Hash: 'not-a-hash' }],
  ['a hash of another document', { version: 1, sha256Hash: 'a'.repeat(64) }],
])('refuses a persisted-query extension with %s as the client’s mistake', async (_label, persistedQuery) => {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
    body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery } }),
  });
  expect(response.status).toBe(400);
  const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
  expect(body.errors[0]?.extensions.code).not.toBe('INTERNAL_SERVER_ERROR');
});

test('still answers a well-formed automatic persisted query', async () => {
  const query = '{ __typename }';
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
    body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
});
