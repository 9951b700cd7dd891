import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { RequestRefused } from './http';
import { identityFromClaims, identityOf, type Identity } from './identity';
import { IDENTITY_HEADER, identityHeaders, signIdentity, verifyIdentity } from './internalToken';

const officer: Identity = { userId: 'u1', roles: ['OFFICER'], court: '浙0102', officerId: '330102-0001' };
const gatewayKeys = generateKeyPairSync('ed25519');

async function refusal(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof RequestRefused)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { status: error.status, code: error.code, message: error.message };
}

describe('claims to identity', () => {
  it('reads each role with the claims it needs', () => {
    expect(identityFromClaims({ sub: 'u1', roles: ['OFFICER'], court: '浙0102', officerId: '330102-0001' })).toEqual(officer);
    expect(identityFromClaims({ sub: 'u2', roles: ['AGENCY_STAFF'], agency: 'REALESTATE' })).toEqual({
      userId: 'u2',
      roles: ['AGENCY_STAFF'],
      agency: 'REALESTATE',
    });
    expect(identityFromClaims({ sub: 'u3', roles: ['ANALYST', 'SUPERVISOR', 'ANALYST'] })).toEqual({
      userId: 'u3',
      roles: ['ANALYST', 'SUPERVISOR'],
    });
    expect(identityFromClaims({ sub: 'u4', roles: ['AGENCY_STAFF'], agency: 'POLICE', station: '杭州市公安局上城区分局' })).toEqual({
      userId: 'u4',
      roles: ['AGENCY_STAFF'],
      agency: 'POLICE',
      station: '杭州市公安局上城区分局',
    });
    expect(identityFromClaims({ sub: 'u5', roles: ['AGENCY_STAFF'], agency: 'PROCURATORATE', region: '浙01' })).toEqual({
      userId: 'u5',
      roles: ['AGENCY_STAFF'],
      agency: 'PROCURATORATE',
      region: '浙01',
    });
  });

  it.each([
    ['no sub', { roles: ['ANALYST'] }, /sub/],
    ['no roles', { sub: 'u' }, /roles/],
    ['an empty role list', { sub: 'u', roles: [] }, /roles/],
    ['an unknown role', { sub: 'u', roles: ['ADMIN'] }, /roles/],
    ['an officer without a court', { sub: 'u', roles: ['OFFICER'], officerId: 'o' }, /court/],
    ['an officer without an officerId', { sub: 'u', roles: ['OFFICER'], court: '浙0102' }, /officerId/],
    ['a division head without a court', { sub: 'u', roles: ['DIVISION_HEAD'] }, /court/],
    ['agency staff without an agency', { sub: 'u', roles: ['AGENCY_STAFF'] }, /agency/],
    ['an unknown agency', { sub: 'u', roles: ['AGENCY_STAFF'], agency: 'CUSTOMS' }, /agency/],
    ['police without a station', { sub: 'u', roles: ['AGENCY_STAFF'], agency: 'POLICE' }, /station/],
    ['a procuratorate without a region', { sub: 'u', roles: ['AGENCY_STAFF'], agency: 'PROCURATORATE' }, /region/],
    ['a region that is no court-code prefix', { sub: 'u', roles: ['AGENCY_STAFF'], agency: 'PROCURATORATE', region: '杭州' }, /region/],
  ])('refuses %s', (_, claims, problem) => {
    expect(identityFromClaims(claims)).toEqual({ problem: expect.stringMatching(problem) });
  });

  it('refuses a resolver context that carries no identity', () => {
    expect(identityOf({ identity: officer })).toBe(officer);
    expect(() => identityOf({})).toThrow(expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }));
  });
});

describe('the identity the gateway forwards', () => {
  it('verifies what the gateway signed', async () => {
    const token = await signIdentity(officer, 'court', gatewayKeys.privateKey);
    await expect(verifyIdentity(token, 'court', gatewayKeys.publicKey)).resolves.toEqual(officer);
    expect(Object.keys(await identityHeaders(officer, 'court', gatewayKeys.privateKey))).toEqual([IDENTITY_HEADER]);
  });

  it('refuses no header, garbage, another signer, and an altered payload, with 401 UNAUTHENTICATED', async () => {
    const forged = await signIdentity(officer, 'court', generateKeyPairSync('ed25519').privateKey);
    const [header, , signature] = (await signIdentity(officer, 'court', gatewayKeys.privateKey)).split('.');
    const altered = `${header}.${Buffer.from(JSON.stringify({ sub: 'u1', roles: ['SUPERVISOR'] })).toString('base64url')}.${signature}`;
    for (const value of [undefined, '', ['a', 'b'], 'not a token', forged, altered]) {
      expect(await refusal(verifyIdentity(value, 'court', gatewayKeys.publicKey))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('refuses a token for another audience, an expired one, and one without the claims of its role', async () => {
    const claims = { sub: 'u1', roles: ['OFFICER'], court: '浙0102', officerId: 'o' };
    const sign = (edit: (jwt: SignJWT) => SignJWT, payload: Record<string, unknown> = claims) =>
      edit(
        new SignJWT(payload)
          .setProtectedHeader({ alg: 'EdDSA', typ: 'enforcement-identity+jwt' })
          .setIssuer('enforcement-gateway')
          .setIssuedAt(),
      ).sign(gatewayKeys.privateKey);
    const cases = [
      await sign((jwt) => jwt.setAudience('subgraph:finance').setExpirationTime('1m')),
      await sign((jwt) =>
        jwt
          .setAudience('subgraph:court')
          .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 60),
      ),
      await sign((jwt) => jwt.setAudience('subgraph:court').setExpirationTime('1m'), { sub: 'u1', roles: ['OFFICER'] }),
    ];
    for (const token of cases)
      expect(await refusal(verifyIdentity(token, 'court', gatewayKeys.publicKey))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    await expect(
      verifyIdentity(await sign((jwt) => jwt.setAudience('subgraph:court').setExpirationTime('1m')), 'court', gatewayKeys.publicKey),
    ).resolves.toMatchObject({ userId: 'u1' });
  });
});
