import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { signingKeyConfig, type SigningKeyConfig } from './config';

/**
 * Signed statements one agency hands another through the court, so that neither calls the other:
 * the tax bureau signs a clearance certificate (完税证明) and the real-estate registry checks it with
 * its copy of the bureau's public key. A token is `<payload>.<signature>`, both base64url, the payload
 * being JSON and the signature Ed25519 over the payload's base64url text.
 *
 * Production must configure the keys (TAX_CLEARANCE_PRIVATE_KEY[_FILE] for the tax bureau,
 * TAX_CLEARANCE_PUBLIC_KEY[_FILE] for the registry; see config.ts). Without them, development and
 * tests use a key pair derived from a published seed, which anyone can sign with: a warning says so
 * once, and NODE_ENV=production refuses to start the signing or checking at all.
 */
const DEV_SEED = createHash('sha256').update('enforcement-supergraph development tax clearance key').digest();
// The fixed PKCS#8 DER prefix of an Ed25519 private key, followed by its 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

let devKeyWarned = false;

function developmentKey(config: SigningKeyConfig, variable: string): KeyObject {
  if (config.production) throw new Error(`${variable} (or ${variable}_FILE) must be set in production`);
  if (!devKeyWarned) {
    devKeyWarned = true;
    console.warn(`warning: ${variable} is not set; tax clearance certificates use the development key, which anyone can sign with`);
  }
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, DEV_SEED]), format: 'der', type: 'pkcs8' });
}

function ed25519(key: KeyObject, variable: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${variable} must be an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

/** The tax bureau's signing key as configured, or the development one. */
export function loadTaxClearancePrivateKey(config: SigningKeyConfig): KeyObject {
  return config.taxClearancePrivateKeyPem
    ? ed25519(createPrivateKey(config.taxClearancePrivateKeyPem), 'TAX_CLEARANCE_PRIVATE_KEY')
    : developmentKey(config, 'TAX_CLEARANCE_PRIVATE_KEY');
}

/** The registry's copy of the tax bureau's public key as configured, or the development one. */
export function loadTaxClearancePublicKey(config: SigningKeyConfig): KeyObject {
  return config.taxClearancePublicKeyPem
    ? ed25519(createPublicKey(config.taxClearancePublicKeyPem), 'TAX_CLEARANCE_PUBLIC_KEY')
    : createPublicKey(developmentKey(config, 'TAX_CLEARANCE_PUBLIC_KEY'));
}

// Loaded on first use rather than at import, so composing the schema needs no keys.
let privateKey: KeyObject | undefined;
let publicKey: KeyObject | undefined;
export const taxClearancePrivateKey = (): KeyObject => (privateKey ??= loadTaxClearancePrivateKey(signingKeyConfig()));
export const taxClearancePublicKey = (): KeyObject => (publicKey ??= loadTaxClearancePublicKey(signingKeyConfig()));

export function signToken(payload: object, key: KeyObject): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(null, Buffer.from(body), key).toString('base64url')}`;
}

/** The payload of a token whose signature checks, or why it is refused. */
export function verifyToken(token: string, key: KeyObject): { payload: unknown } | { problem: string } {
  const parts = token.trim().split('.');
  if (parts.length !== 2 || !parts.every((part) => /^[A-Za-z0-9_-]+$/.test(part))) return { problem: 'is not a signed certificate' };
  const [body, signature] = parts;
  if (!verify(null, Buffer.from(body), key, Buffer.from(signature, 'base64url'))) {
    return { problem: 'has a signature that does not verify: the signer did not issue it, or it has been altered' };
  }
  try {
    return { payload: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) };
  } catch {
    return { problem: 'is not a signed certificate' };
  }
}
