import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { clientTokenConfig } from '../config';
import { RequestRefused } from '../../platform/http';
import { clientTokenVerifier } from './clientTokens';
import { developmentIdentities, developmentToken } from './devTokens';

const ISSUER = 'https://idp.court.example/realms/enforcement';
const AUDIENCE = 'enforcement-gateway';
const claims = { sub: 'u-7', roles: ['OFFICER'], court: '浙0102', officerId: '330102-0001' };
let provider: { privateKey: KeyLike; publicKey: KeyLike };
let jwksFile: string;

beforeAll(async () => {
  provider = await generateKeyPair('ES256');
  jwksFile = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(provider.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] }));
});

const providerConfig = () =>
  clientTokenConfig({ NODE_ENV: 'production', JWT_JWKS_FILE: jwksFile, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
const token = (
  edit: (jwt: SignJWT) => SignJWT = (jwt) => jwt,
  payload: Record<string, unknown> = claims,
  key: KeyLike = provider.privateKey,
) =>
  edit(
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('5m'),
  ).sign(key);

async function refused(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RequestRefused) || error.status !== 401 || error.code !== 'UNAUTHENTICATED')
    throw new Error(`expected 401 UNAUTHENTICATED, got ${String(error)}`);
  return error.message;
}

describe('client tokens from an identity provider (JWKS file)', () => {
  it('accepts a token the provider signed for this audience', async () => {
    const verify = clientTokenVerifier(providerConfig());
    await expect(verify(`Bearer ${await token()}`)).resolves.toEqual({
      userId: 'u-7',
      roles: ['OFFICER'],
      court: '浙0102',
      officerId: '330102-0001',
    });
  });

  it('refuses a missing or malformed header, another signer, issuer or audience, an expiry, an HMAC token and missing claims', async () => {
    const verify = clientTokenVerifier(providerConfig());
    const other = await generateKeyPair('ES256');
    const hmac = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a shared secret of enough length!'));
    const headers: [string | undefined, RegExp][] = [
      [undefined, /bearer token/],
      [`Basic ${Buffer.from('a:b').toString('base64')}`, /bearer token/],
      ['Bearer not-a-jwt', /not valid/],
      [`Bearer ${await token(undefined, claims, other.privateKey)}`, /not valid/],
      [`Bearer ${await token((jwt) => jwt.setIssuer('https://elsewhere.example'))}`, /not valid/],
      [`Bearer ${await token((jwt) => jwt.setAudience('another-service'))}`, /not valid/],
      [`Bearer ${await token((jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 120))}`, /expired/],
      [`Bearer ${hmac}`, /not valid/],
      [`Bearer ${await token(undefined, { ...claims, officerId: undefined })}`, /officerId/],
      [`Bearer ${await token(undefined, { sub: 'u', roles: ['AGENCY_STAFF'] })}`, /agency/],
    ];
    for (const [header, reason] of headers) expect(await refused(verify(header))).toMatch(reason);
  });

  it('refuses a token that lives longer than 12 hours, one issued too long ago, one issued in the future and one without iat', async () => {
    const verify = clientTokenVerifier(providerConfig());
    const now = Math.floor(Date.now() / 1000);
    const century = await token((jwt) => jwt.setIssuedAt(now).setExpirationTime(now + 100 * 365 * 86_400));
    expect(await refused(verify(`Bearer ${century}`))).toBe(
      'the bearer token is valid for longer than the 43200 seconds allowed: ask the identity provider for shorter-lived tokens',
    );
    const thirteenHours = await token((jwt) => jwt.setIssuedAt(now).setExpirationTime(now + 13 * 3600));
    expect(await refused(verify(`Bearer ${thirteenHours}`))).toMatch(/longer than the 43200 seconds/);
    // Issued 13 hours ago, still unexpired: the age from iat is what counts.
    const old = await token((jwt) => jwt.setIssuedAt(now - 13 * 3600).setExpirationTime(now + 600));
    expect(await refused(verify(`Bearer ${old}`))).toMatch(/expired/);
    const future = await token((jwt) => jwt.setIssuedAt(now + 3600).setExpirationTime(now + 7200));
    expect(await refused(verify(`Bearer ${future}`))).toMatch(/not valid/);
    const noIat = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(provider.privateKey);
    expect(await refused(verify(`Bearer ${noIat}`))).toMatch(/not valid/);
  });

  it('accepts a token of exactly the longest lifetime, and takes the limit from JWT_MAX_LIFETIME_SECONDS', async () => {
    const now = Math.floor(Date.now() / 1000);
    const workingDay = await token((jwt) => jwt.setIssuedAt(now).setExpirationTime(now + 12 * 3600));
    await expect(clientTokenVerifier(providerConfig())(`Bearer ${workingDay}`)).resolves.toMatchObject({ userId: 'u-7' });
    const strict = clientTokenVerifier(
      clientTokenConfig({
        NODE_ENV: 'production',
        JWT_JWKS_FILE: jwksFile,
        JWT_ISSUER: ISSUER,
        JWT_AUDIENCE: AUDIENCE,
        JWT_MAX_LIFETIME_SECONDS: '3600',
      }),
    );
    expect(await refused(strict(`Bearer ${workingDay}`))).toMatch(/longer than the 3600 seconds/);
    expect(() => clientTokenConfig({ JWT_MAX_LIFETIME_SECONDS: '12h' })).toThrow(
      'JWT_MAX_LIFETIME_SECONDS must be a positive integer, got "12h"',
    );
  });

  it('will not start in production without a key set, nor with a key set but no issuer or audience', () => {
    expect(() => clientTokenVerifier(clientTokenConfig({ NODE_ENV: 'production' }))).toThrow(
      /JWT_JWKS_FILE or JWT_JWKS_URL must be set: development keys stand in only with DEVELOPMENT_MODE=true/,
    );
    expect(() => clientTokenConfig({ JWT_JWKS_FILE: jwksFile })).toThrow(/JWT_ISSUER and JWT_AUDIENCE/);
    expect(() =>
      clientTokenConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'http://idp.example/jwks', JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }),
    ).toThrow(/https/);
  });
});

describe('development tokens', () => {
  it('are accepted for every role while no provider is configured, and one signed by anyone else is not', async () => {
    const verify = clientTokenVerifier(clientTokenConfig({ DEVELOPMENT_MODE: 'true' }));
    for (const identity of Object.values(developmentIdentities({ court: '浙0102', officerId: '330102-0001' }))) {
      await expect(verify(`Bearer ${await developmentToken(identity)}`)).resolves.toEqual(identity);
    }
    const forged = await developmentToken(developmentIdentities({ court: '浙0102', officerId: 'x' }).SUPERVISOR, {
      key: generateKeyPairSync('ed25519').privateKey,
    });
    expect(await refused(verify(`Bearer ${forged}`))).toMatch(/not valid/);
  });

  it('are refused by a gateway that trusts a real provider', async () => {
    const verify = clientTokenVerifier(providerConfig());
    expect(
      await refused(verify(`Bearer ${await developmentToken(developmentIdentities({ court: '浙0102', officerId: 'o' }).ANALYST)}`)),
    ).toMatch(/not valid/);
  });
});
