import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { exportJWK, SignJWT } from 'jose';
import { identityOf, type Identity, type IdentityScope } from '../platform/identity';
import { IDENTITY_HEADER, verifyIdentity } from '../platform/internalToken';
import { gatewayConfig } from './config';
import { notFound } from '../platform/errors';
import { serveGraphQL, type Listening } from '../platform/http';
import { createGateway, type RunningGateway } from './createGateway';

// A production deployment: the provider's key set on disk, the gateway's own identity key pair, no development key anywhere.
const provider = generateKeyPairSync('ed25519');
const identityKeys = generateKeyPairSync('ed25519');
const pem = identityKeys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const ISSUER = 'https://idp.court.example';
const AUDIENCE = 'enforcement';

const typeDefs = parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { broken: String  missing: String  whoami: String }`);
const seen: Identity[] = [];
const resolvers = {
  Query: {
    broken: () => {
      throw new Error('connect ECONNREFUSED mongo-internal.court.local:27017');
    },
    missing: () => {
      throw notFound('case', '（2026）浙0102执1号');
    },
    whoami: (_: unknown, __: unknown, ctx: unknown) => identityOf(ctx as IdentityScope).userId,
  },
};

let subgraph: { apollo: ApolloServer<{ identity: Identity }>; http: Listening };
let gateway: RunningGateway;
let env: Record<string, string>;
let supergraphSdl: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'prod-'));
  writeFileSync(join(dir, 'jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(provider.publicKey)), kid: 'p1' }] }));
  env = {
    NODE_ENV: 'production',
    JWT_JWKS_FILE: join(dir, 'jwks.json'),
    JWT_ISSUER: ISSUER,
    JWT_AUDIENCE: AUDIENCE,
    GATEWAY_IDENTITY_PRIVATE_KEY: pem,
  };
  // A subgraph leaking everything it can: stack traces on, internal host names in its messages.
  const apollo = new ApolloServer<{ identity: Identity }>({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    includeStacktraceInErrorResponses: true,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const http = await serveGraphQL(apollo, 0, '127.0.0.1', {
    context: async (req) => {
      const identity = await verifyIdentity(req.headers[IDENTITY_HEADER], 'court', identityKeys.publicKey);
      seen.push(identity);
      return { identity };
    },
  });
  subgraph = { apollo, http };
  const composed = composeServices([{ name: 'court', typeDefs, url: http.url }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  supergraphSdl = composed.supergraphSdl;
  gateway = await createGateway({ supergraphSdl, config: gatewayConfig(env) }).start(0, '127.0.0.1');
});

afterAll(async () => {
  await gateway?.stop();
  await subgraph?.http.close();
  await subgraph?.apollo.stop();
});

async function ask(query: string): Promise<{ status: number; body: string }> {
  const token = await new SignJWT({ sub: 'analyst-1', roles: ['ANALYST'] })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'p1' })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(provider.privateKey);
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.text() };
}

describe('a production gateway', () => {
  it('refuses to start on development keys', () => {
    const { GATEWAY_IDENTITY_PRIVATE_KEY: _, ...withoutIdentityKey } = env;
    expect(() => createGateway({ supergraphSdl, config: gatewayConfig(withoutIdentityKey) })).toThrow(/GATEWAY_IDENTITY_PRIVATE_KEY/);
    expect(() =>
      gatewayConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'http://idp.example/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }),
    ).toThrow(/https/);
  });

  it("accepts the provider's tokens and passes the identity on, signed with the configured key", async () => {
    const { body } = await ask('{ whoami }');
    expect(JSON.parse(body)).toEqual({ data: { whoami: 'analyst-1' } });
    expect(seen.at(-1)).toEqual({ userId: 'analyst-1', roles: ['ANALYST'] });
  });

  it("masks an internal error's message and stack, and keeps a domain error's", async () => {
    const broken = await ask('{ broken }');
    expect(broken.body).not.toMatch(/mongo-internal|ECONNREFUSED|stacktrace|at Object|127\.0\.0\.1/);
    expect(JSON.parse(broken.body)).toEqual({
      data: { broken: null },
      errors: [{ message: 'internal error', path: ['broken'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
    const missing = JSON.parse((await ask('{ missing }')).body);
    expect(missing.errors[0]).toMatchObject({ message: 'case （2026）浙0102执1号 does not exist', extensions: { code: 'NOT_FOUND' } });
    expect(JSON.stringify(missing)).not.toMatch(/stacktrace/);
  });
});
