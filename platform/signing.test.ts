import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { keyConfig } from './config';
import { loadPrivateKey, loadPublicKey, signToken, verifyToken } from './signing';
import { issueTaxClearanceCertificate, readTaxClearanceCertificate } from '../subgraphs/kit/taxClearance';

const statement = {
  caseNumber: '（2026）浙0102执1号',
  unitId: '330102001001GB00123F00010001',
  settledOn: '2026-11-20',
  taxDue: 100,
  taxPaid: 100,
};

describe('signed certificates', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');

  it('reads back what was signed, and refuses an altered payload or another signer', () => {
    const token = issueTaxClearanceCertificate(statement, privateKey);
    expect(readTaxClearanceCertificate(token, publicKey)).toEqual(statement);
    const [, signature] = token.split('.');
    const altered = `${Buffer.from(JSON.stringify({ kind: 'TAX_CLEARANCE', ...statement, taxPaid: 1 })).toString('base64url')}.${signature}`;
    expect(readTaxClearanceCertificate(altered, publicKey)).toEqual({ problem: expect.stringMatching(/does not verify/) });
    expect(readTaxClearanceCertificate(token, generateKeyPairSync('ed25519').publicKey)).toEqual({
      problem: expect.stringMatching(/does not verify/),
    });
    expect(readTaxClearanceCertificate('not a token', publicKey)).toEqual({ problem: 'is not a signed certificate' });
  });

  it('refuses a token the same key signed for something else', () => {
    const other = signToken({ ...statement, kind: 'OTHER' }, privateKey);
    expect(readTaxClearanceCertificate(other, publicKey)).toEqual({ problem: expect.stringMatching(/not a tax clearance/) });
  });

  it('loads configured PEM keys (inline or with escaped line breaks) and refuses a key of another type', () => {
    const config = keyConfig('TAX_CLEARANCE', {
      TAX_CLEARANCE_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString().replace(/\n/g, '\\n'),
      TAX_CLEARANCE_PUBLIC_KEY: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    });
    const token = signToken({ a: 1 }, loadPrivateKey('TAX_CLEARANCE', config));
    expect(verifyToken(token, publicKey)).toEqual({ payload: { a: 1 } });
    expect(verifyToken(token, loadPublicKey('TAX_CLEARANCE', config))).toEqual({ payload: { a: 1 } });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() =>
      loadPublicKey('TAX_CLEARANCE', keyConfig('TAX_CLEARANCE', { DEVELOPMENT_MODE: 'true', TAX_CLEARANCE_PUBLIC_KEY: rsa })),
    ).toThrow(/Ed25519/);
  });

  it('falls back to one deterministic development pair, never in production', () => {
    const dev = keyConfig('TAX_CLEARANCE', { DEVELOPMENT_MODE: 'true' });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const token = signToken({ a: 1 }, loadPrivateKey('TAX_CLEARANCE', dev));
    expect(verifyToken(token, loadPublicKey('TAX_CLEARANCE', dev))).toEqual({ payload: { a: 1 } });
    expect(token).toBe(signToken({ a: 1 }, loadPrivateKey('TAX_CLEARANCE', dev))); // Ed25519 signs deterministically
    expect(warn).toHaveBeenCalledTimes(1); // once per process, however often a key is loaded
    warn.mockRestore();
    expect(() => loadPrivateKey('TAX_CLEARANCE', keyConfig('TAX_CLEARANCE', { NODE_ENV: 'production' }))).toThrow(
      /TAX_CLEARANCE_PRIVATE_KEY/,
    );
    expect(() => loadPublicKey('TAX_CLEARANCE', keyConfig('TAX_CLEARANCE', { NODE_ENV: 'production' }))).toThrow(
      /TAX_CLEARANCE_PUBLIC_KEY/,
    );
  });

  it('derives one development pair per key name, each refused in production', () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const tax = loadPrivateKey('TAX_CLEARANCE', keyConfig('TAX_CLEARANCE', { DEVELOPMENT_MODE: 'true' }));
    const identity = loadPrivateKey('GATEWAY_IDENTITY', keyConfig('GATEWAY_IDENTITY', { DEVELOPMENT_MODE: 'true' }));
    warn.mockRestore();
    const token = signToken({ a: 1 }, identity);
    expect(verifyToken(token, loadPublicKey('GATEWAY_IDENTITY', keyConfig('GATEWAY_IDENTITY', { DEVELOPMENT_MODE: 'true' })))).toEqual({
      payload: { a: 1 },
    });
    expect(verifyToken(token, createPublicKey(tax))).toEqual({ problem: expect.stringMatching(/does not verify/) });
    expect(() => loadPrivateKey('GATEWAY_IDENTITY', keyConfig('GATEWAY_IDENTITY', { NODE_ENV: 'production' }))).toThrow(
      /GATEWAY_IDENTITY_PRIVATE_KEY/,
    );
    expect(() => loadPublicKey('GATEWAY_IDENTITY', keyConfig('GATEWAY_IDENTITY', { NODE_ENV: 'production' }))).toThrow(
      /GATEWAY_IDENTITY_PUBLIC_KEY/,
    );
  });
});
