import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { claimsOf, type Identity, type Role } from '../../platform/identity';
import { clientTokenConfig } from '../config';
import { developmentKey } from '../../platform/signing';

/** The case a development officer works on: the example case of `npm start`, or any case of a test. */
export interface DevelopmentCase {
  court: string;
  officerId: string;
}

/** One person per role, with the claims that role needs, around one court and one of its officers. */
export function developmentIdentities({ court, officerId }: DevelopmentCase): Record<Role, Identity> {
  return {
    OFFICER: { userId: `dev-officer-${officerId}`, roles: ['OFFICER'], court, officerId },
    DIVISION_HEAD: { userId: `dev-division-head-${court}`, roles: ['DIVISION_HEAD'], court },
    AGENCY_STAFF: { userId: 'dev-realestate-staff', roles: ['AGENCY_STAFF'], agency: 'REALESTATE' },
    ANALYST: { userId: 'dev-analyst', roles: ['ANALYST'] },
    SUPERVISOR: { userId: 'dev-supervisor', roles: ['SUPERVISOR'] },
  };
}

export interface DevelopmentTokenOptions {
  /** How long the token lives, in jose's notation ('12h', '1m'), or when it expires (seconds since 1970); 12 h by default. */
  lifetime?: string | number;
  /** Another signer, issuer or audience: tests use them to forge tokens the gateway must refuse. */
  key?: KeyObject;
  issuer?: string;
  audience?: string;
}

/**
 * A bearer token the gateway accepts while no identity provider is configured. It is signed with the
 * published development key, so outside DEVELOPMENT_MODE=true it refuses to make one.
 */
export async function developmentToken(identity: Identity, options: DevelopmentTokenOptions = {}): Promise<string> {
  const config = clientTokenConfig();
  const key = options.key ?? developmentKey('DEVELOPMENT_CLIENT_TOKEN', config.production, 'JWT_JWKS_FILE or JWT_JWKS_URL');
  return new SignJWT({ ...claimsOf(identity) })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
    .setIssuer(options.issuer ?? config.issuer)
    .setAudience(options.audience ?? config.audience)
    .setIssuedAt()
    .setExpirationTime(options.lifetime ?? '12h')
    .sign(key);
}
