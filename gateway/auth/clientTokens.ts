import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { KeyObject } from 'node:crypto';
import { identityFromClaims, type Identity } from '../../platform/identity';
import { unauthenticated } from '../../platform/internalToken';
import type { ClientTokenConfig } from '../config';
import { developmentKey } from '../../platform/signing';

/** Asymmetric algorithms only: with HS256 a provider's public key could be misused as a shared secret. */
const PROVIDER_ALGORITHMS = ['EdDSA', 'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
/** Clocks of the provider and the gateway may differ a little; more would stretch every token's life. */
const CLOCK_TOLERANCE_SECONDS = 30;

export type ClientTokenVerifier = (authorization: string | undefined) => Promise<Identity>;

function readJwks(path: string): JSONWebKeySet {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || !('keys' in parsed) || !Array.isArray(parsed.keys)) {
    throw new Error(`JWT_JWKS_FILE ${path} is not a JSON Web Key Set ({ "keys": [...] })`);
  }
  return parsed as JSONWebKeySet;
}

/** The keys tokens are checked with: the provider's set, or the development key when none is configured (refused in production). */
function verificationKey(config: ClientTokenConfig): { key: KeyObject | JWTVerifyGetKey; algorithms: string[] } {
  if (config.jwksFile) return { key: createLocalJWKSet(readJwks(config.jwksFile)), algorithms: PROVIDER_ALGORITHMS };
  // The one address the gateway fetches on its own; jose caches the set and refetches on an unknown key id.
  if (config.jwksUrl) return { key: createRemoteJWKSet(new URL(config.jwksUrl)), algorithms: PROVIDER_ALGORITHMS };
  return { key: developmentKey('DEVELOPMENT_CLIENT_TOKEN', config.production, 'JWT_JWKS_FILE or JWT_JWKS_URL'), algorithms: ['EdDSA'] };
}

function bearer(authorization: string | undefined): string {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization ?? '');
  if (!match) throw unauthenticated('send a bearer token: Authorization: Bearer <token>');
  return match[1];
}

/**
 * Checks the client's bearer token: signature, issuer, audience, expiry, lifetime, then the claims each role
 * needs. Built once at start, so a production gateway without keys refuses to start.
 */
export function clientTokenVerifier(config: ClientTokenConfig): ClientTokenVerifier {
  const { key, algorithms } = verificationKey(config);
  // maxTokenAge makes jose require `iat` and refuse one in the future or older than the limit.
  const maxAge = config.maxLifetimeSeconds;
  const options = {
    issuer: config.issuer,
    audience: config.audience,
    algorithms,
    requiredClaims: ['exp', 'sub', 'iat'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    maxTokenAge: maxAge,
  };
  return async (authorization) => {
    const token = bearer(authorization);
    let payload: Record<string, unknown>;
    try {
      // Two calls rather than one with a union key: jose overloads on the key's kind.
      ({ payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options));
    } catch (error) {
      // Expiry is worth telling (the client should sign in again); which other check failed helps only a forger.
      if (error instanceof errors.JWTExpired) throw unauthenticated('the bearer token has expired');
      throw unauthenticated('the bearer token is not valid: not signed by the identity provider, or not issued for this service');
    }
    // A token issued a moment ago but valid for a century passes maxTokenAge; what it promises counts too.
    if (typeof payload.exp === 'number' && typeof payload.iat === 'number' && payload.exp - payload.iat > maxAge) {
      throw unauthenticated(
        `the bearer token is valid for longer than the ${maxAge} seconds allowed: ask the identity provider for shorter-lived tokens`,
      );
    }
    const identity = identityFromClaims(payload);
    if ('problem' in identity) throw unauthenticated(`the bearer token is incomplete: ${identity.problem}`);
    return identity;
  };
}
