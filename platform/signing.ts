import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { keyConfig, type KeyConfig } from './config';

/**
 * The Ed25519 keys the system signs with, by name. Each named key is configured as
 * `<NAME>_PRIVATE_KEY[_FILE]` for the one party that signs and `<NAME>_PUBLIC_KEY[_FILE]` for those
 * that check (PEM inline or a path; see config.ts). Without them, development and tests use a key pair
 * derived from a seed published here, which anyone can sign with: a warning says so once per key, and
 * outside DEVELOPMENT_MODE=true it is refused at start.
 */
export const SIGNING_KEYS = {
  /** 完税证明: the tax bureau signs clearance certificates, the real-estate registry checks them. */
  TAX_CLEARANCE: 'tax clearance certificates',
  /** The gateway signs the identity it verified, every subgraph checks it (kit/auth). */
  GATEWAY_IDENTITY: 'the identity tokens the gateway forwards to subgraphs',
  /** Bearer tokens of `npm start` and the tests, only while no identity provider is configured (JWT_JWKS_*). */
  DEVELOPMENT_CLIENT_TOKEN: 'development bearer tokens',
  /** The court attests a caller's legal basis for a party in a case; every register checks it (kit/auth/legalBasis.ts). */
  LEGAL_BASIS: 'the legal basis the court attests to the agencies',
} as const;
export type SigningKeyName = keyof typeof SIGNING_KEYS;

// The seed phrase of TAX_CLEARANCE predates the other keys; kept so certificates signed before still check.
const SEED_PHRASES: Record<SigningKeyName, string> = {
  TAX_CLEARANCE: 'tax clearance',
  GATEWAY_IDENTITY: 'gateway identity',
  DEVELOPMENT_CLIENT_TOKEN: 'development client token',
  LEGAL_BASIS: 'legal basis',
};
// The fixed PKCS#8 DER prefix of an Ed25519 private key, followed by its 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

const warned = new Set<SigningKeyName>();

/**
 * The published development key of `name`; refused in production, announced once per key and process.
 * `missing` names the configuration it stands in for, in the error and the warning.
 */
export function developmentKey(name: SigningKeyName, production: boolean, missing: string): KeyObject {
  if (production)
    throw new Error(
      `${missing} must be set: development keys stand in only with DEVELOPMENT_MODE=true (as npm start and the tests set it)`,
    );
  if (!warned.has(name)) {
    warned.add(name);
    console.warn(`warning: ${missing} is not set; ${SIGNING_KEYS[name]} use a development key, which anyone can sign with`);
  }
  const seed = createHash('sha256').update(`enforcement-supergraph development ${SEED_PHRASES[name]} key`).digest();
  return createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

function ed25519(key: KeyObject, variable: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${variable} must be an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

/** The private key `name` as configured, or the development one. */
export function loadPrivateKey(name: SigningKeyName, config: KeyConfig): KeyObject {
  const variable = `${name}_PRIVATE_KEY`;
  return config.privateKeyPem
    ? ed25519(createPrivateKey(config.privateKeyPem), variable)
    : developmentKey(name, config.production, `${variable} (or ${variable}_FILE)`);
}

/** The public key `name` as configured, or the development one. */
export function loadPublicKey(name: SigningKeyName, config: KeyConfig): KeyObject {
  const variable = `${name}_PUBLIC_KEY`;
  return config.publicKeyPem
    ? ed25519(createPublicKey(config.publicKeyPem), variable)
    : createPublicKey(developmentKey(name, config.production, `${variable} (or ${variable}_FILE)`));
}

// Loaded on first use rather than at import, so composing the schema needs no keys.
const privateKeys = new Map<SigningKeyName, KeyObject>();
const publicKeys = new Map<SigningKeyName, KeyObject>();

/** The process's private key `name`, from the environment. */
export function privateKey(name: SigningKeyName): KeyObject {
  const key = privateKeys.get(name) ?? loadPrivateKey(name, keyConfig(name));
  privateKeys.set(name, key);
  return key;
}

/** The process's public key `name`, from the environment. */
export function publicKey(name: SigningKeyName): KeyObject {
  const key = publicKeys.get(name) ?? loadPublicKey(name, keyConfig(name));
  publicKeys.set(name, key);
  return key;
}

/**
 * Signed statements one agency hands another through the court, so that neither calls the other.
 * A token is `<payload>.<signature>`, both base64url, the payload being JSON and the signature
 * Ed25519 over the payload's base64url text.
 */
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
