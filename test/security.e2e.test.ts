import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import { parse } from 'graphql';
import { createGateway, type RunningGateway } from '../gateway/createGateway';
import { developmentToken } from '../gateway/auth/devTokens';
import { readCommittedSupergraph } from '../schema/supergraph';
import { identityOf, type Identity, type IdentityScope } from '../platform/identity';
import { IDENTITY_HEADER, identityHeaders } from '../platform/internalToken';
import { gatewayConfig } from '../gateway/config';
import { startSubgraph } from '../subgraphs/kit/server';
import { defineSubgraph } from '../subgraphs/kit/subgraph';
import { SUBGRAPHS } from '../subgraphs/registry';
import { authorizationFor, startHarness, TEST_OFFICER, type Harness } from './harness';
import { testMongoUri } from './database';

const COURTS = 'query Courts { courts { code } }';
const INTROSPECT = '{ __schema { queryType { name } } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'security' });
});
afterAll(() => h?.stop());

/** A raw POST to the gateway (or any URL), for status codes and headers the harness's query hides. */
async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, json: (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] } };
}

const total = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);

describe('a direct call to a subgraph', () => {
  it.each(SUBGRAPHS.map((s) => s.name))("%s refuses a request without the gateway's identity, or with a forged one", async (name) => {
    const url = h.subgraphs.get(name)?.url ?? '';
    const body = JSON.stringify({ query: '{ _service { sdl } }' });
    const forged = await identityHeaders(TEST_OFFICER, name, generateKeyPairSync('ed25519').privateKey);
    const clientToken = { authorization: `Bearer ${await developmentToken(TEST_OFFICER)}` };
    for (const headers of [{}, forged, { [IDENTITY_HEADER]: 'garbage' }, clientToken]) {
      const { status, json } = await post(url, body, headers);
      expect({ status, code: json.errors?.[0]?.extensions?.code, data: json.data }).toEqual({
        status: 401,
        code: 'UNAUTHENTICATED',
        data: undefined,
      });
    }
    // The same request with what the gateway sends answers: the refusal was the identity's.
    expect((await post(url, body, await identityHeaders(TEST_OFFICER, name))).status).toBe(200);
    expect((await fetch(new URL('/health', url))).status).toBe(200);
  });

  it.each(SUBGRAPHS.map((s) => s.name))(
    "%s refuses the gateway's identity addressed to another subgraph: a header one agency sees cannot be replayed to another",
    async (name) => {
      const url = h.subgraphs.get(name)?.url ?? '';
      const other = SUBGRAPHS.map((s) => s.name).find((candidate) => candidate !== name) ?? '';
      const { status, json } = await post(
        url,
        JSON.stringify({ query: '{ _service { sdl } }' }),
        await identityHeaders(TEST_OFFICER, other),
      );
      expect({ status, code: json.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    },
  );

  it('hands the verified identity to every resolver as context.identity', async () => {
    const probe = defineSubgraph<IdentityScope>({
      name: 'probe',
      defaultPort: 0,
      typeDefs: parse('type Query { whoami: String! }'),
      resolvers: { Query: { whoami: (_: unknown, __: unknown, ctx: IdentityScope) => JSON.stringify(identityOf(ctx)) } },
      createContext: ({ identity }) => ({ identity: { ...identity, userId: 'replaced by the subgraph' } }),
      indexes: [],
    });
    const running = await startSubgraph(probe, {
      name: 'probe',
      host: '127.0.0.1',
      port: 0,
      mongoUri: testMongoUri(),
      dbName: 't_security_probe',
      maxPoolSize: 2,
    });
    try {
      const { json } = await post(running.url, JSON.stringify({ query: '{ whoami }' }), await identityHeaders(TEST_OFFICER, 'probe'));
      expect(JSON.parse((json.data as { whoami: string }).whoami)).toEqual(TEST_OFFICER);
    } finally {
      await running.stop();
    }
  });
});

describe('the gateway', () => {
  it("answers a valid token, passing on its identity and never the client's token", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const court = h.subgraphs.get('court');
    const listener = (req: { headers: IncomingHttpHeaders }) => seen.push(req.headers);
    court?.server.on('request', listener);
    try {
      expect(await h.query(COURTS)).toEqual({ data: { courts: expect.arrayContaining([{ code: '浙0102' }]) } });
    } finally {
      court?.server.off('request', listener);
    }
    expect(seen).toHaveLength(1);
    expect(seen[0].authorization).toBeUndefined();
    expect(seen[0][IDENTITY_HEADER]).toEqual(expect.any(String));
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refusedTokens: [string, () => Promise<string>][] = [
    ['no token', async () => 'anonymous'],
    ['a token signed with another key', () => developmentToken(TEST_OFFICER, { key: generateKeyPairSync('ed25519').privateKey })],
    ['a token from another issuer', () => developmentToken(TEST_OFFICER, { issuer: 'https://elsewhere.example' })],
    ['a token for another audience', () => developmentToken(TEST_OFFICER, { audience: 'another-service' })],
    ['an expired token', () => developmentToken(TEST_OFFICER, { lifetime: now() - 60 })],
    ['an officer without an officerId', () => developmentToken({ userId: 'u', roles: ['OFFICER'], court: '浙0102' })],
    ['agency staff without an agency', () => developmentToken({ userId: 'u', roles: ['AGENCY_STAFF'] })],
    ['a token with no role', () => developmentToken({ userId: 'u', roles: [] } as Identity)],
    ['a tampered token', async () => (await developmentToken(TEST_OFFICER)).replace(/\.[^.]+$/, '.AAAA')],
  ];
  it.each(refusedTokens)('refuses %s with 401 UNAUTHENTICATED, calling no subgraph', async (_, make) => {
    const headers = await authorizationFor(await make());
    const counts = await h.recordRequests(async () => {
      const { status, json } = await post(h.gateway.url, JSON.stringify({ query: COURTS }), headers);
      expect(status).toBe(401);
      expect(json).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UNAUTHENTICATED' } }] });
    });
    expect(total(counts)).toBe(0);
  });

  it('answers /health without a token, and serves no GraphiQL page unless configured', async () => {
    expect((await fetch(new URL('/health', h.gateway.url))).status).toBe(200);
    expect((await fetch(new URL('/', h.gateway.url))).status).toBe(404);
  });

  it.each([
    [
      '50 levels deep',
      `{ enforcementCase(caseNumber: "x") { ${'respondents { enforcementCase { '.repeat(24)}caseNumber${' } }'.repeat(24)} } }`,
      'depth',
    ],
    ['1,000 aliases', `{ ${Array.from({ length: 1000 }, (_, i) => `c${i}: courts { code }`).join(' ')} }`, 'aliases'],
    ['3,000 fields', `{ courts { ${'code name '.repeat(1500)} } }`, 'fields'],
  ])('refuses an operation %s before running it, calling no subgraph', async (_, query, limit) => {
    const counts = await h.recordRequests(async () => {
      const { status, json } = await post(h.gateway.url, JSON.stringify({ query }), await authorizationFor());
      expect(status).toBe(400);
      expect(json.errors?.map((e) => e.extensions)).toContainEqual(expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit }));
    });
    expect(total(counts)).toBe(0);
  });

  it('refuses a megabyte of repeated fields at once, though graphql-js would take hours to validate it', async () => {
    const started = performance.now();
    const { status, json } = await post(
      h.gateway.url,
      JSON.stringify({ query: `{ ${'courts { code } '.repeat(55_000)} }` }),
      await authorizationFor(),
    );
    expect(status).toBe(400);
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'fields' });
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses introspection unless configured', async () => {
    const counts = await h.recordRequests(async () => {
      const response = await h.query(INTROSPECT);
      expect(response.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/introspection/),
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    });
    expect(total(counts)).toBe(0);
  });

  it('refuses a body over the size limit with 413', async () => {
    const padding = 'x'.repeat(1_100_000);
    const { status, json } = await post(h.gateway.url, JSON.stringify({ query: `# ${padding}\n${COURTS}` }), await authorizationFor());
    expect(status).toBe(413);
    expect(json.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('refuses a request a browser could send cross-site (CSRF)', async () => {
    const response = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...(await authorizationFor()) },
      body: JSON.stringify({ query: COURTS }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });
});

describe('a gateway with a safelist of persisted operations', () => {
  let safe: RunningGateway;
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'safelist-')), 'operations.json');
    writeFileSync(file, JSON.stringify([sha256(COURTS), sha256(INTROSPECT)]));
    const subgraphUrls = Object.fromEntries([...h.subgraphs].map(([name, running]) => [name, running.url]));
    const config = gatewayConfig({ DEVELOPMENT_MODE: 'true', PERSISTED_OPERATIONS_FILE: file, GRAPHQL_INTROSPECTION: 'true' });
    safe = await createGateway({ supergraphSdl: readCommittedSupergraph(), subgraphUrls, config }).start(0, '127.0.0.1');
  });
  afterAll(() => safe?.stop());

  it('runs a listed document, and refuses any other before calling a subgraph', async () => {
    const listed = await post(safe.url, JSON.stringify({ query: COURTS }), await authorizationFor());
    expect(listed.json.data).toEqual({ courts: expect.arrayContaining([{ code: '浙0102' }]) });
    expect((await post(safe.url, JSON.stringify({ query: INTROSPECT }), await authorizationFor())).json.data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    const counts = await h.recordRequests(async () => {
      // The same operation with one more field is another document.
      const unlisted = await post(safe.url, JSON.stringify({ query: 'query Courts { courts { code name } }' }), await authorizationFor());
      expect(unlisted.status).toBe(400);
      expect(unlisted.json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    });
    expect(total(counts)).toBe(0);
  });
});
