import type { KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { ErrorCode } from './errors';
import { RequestRefused } from './http';
import { privateKey, publicKey } from './signing';
import { claimsOf, identityFromClaims, type Identity } from './identity';

/**
 * The identity the gateway verified, re-signed for the subgraphs: a JWT (EdDSA) with the key
 * GATEWAY_IDENTITY, which only the gateway holds privately. A subgraph trusts nothing else about the
 * caller, so a request that did not pass the gateway carries no identity it can verify.
 *
 * Each token is addressed to one subgraph (its audience), and a subgraph accepts only tokens addressed
 * to it: a subgraph that sees a user's header (and the court's notices that travel with the request)
 * cannot replay them to another agency's subgraph. The notices are bound to the user, so without a
 * header addressed to the other subgraph they are worth nothing there either.
 */
export const IDENTITY_HEADER = 'x-enforcement-identity';
const ISSUER = 'enforcement-gateway';

/** The audience of the tokens addressed to one subgraph. */
export const audienceOf = (subgraph: string): string => `subgraph:${subgraph}`;
/** Long enough for one client request's subgraph calls, short enough that a leaked header soon expires. */
const LIFETIME_SECONDS = 60;

export async function signIdentity(identity: Identity, subgraph: string, key: KeyObject = privateKey('GATEWAY_IDENTITY')): Promise<string> {
  return new SignJWT({ ...claimsOf(identity) })
    .setProtectedHeader({ alg: 'EdDSA', typ: 'enforcement-identity+jwt' })
    .setIssuer(ISSUER)
    .setAudience(audienceOf(subgraph))
    .setIssuedAt()
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(key);
}

export function unauthenticated(message: string): RequestRefused {
  return new RequestRefused(401, ErrorCode.UNAUTHENTICATED, message);
}

/**
 * The identity in a request's IDENTITY_HEADER, or a 401 refusal. Checked against the system clock,
 * never a test's moved clock: tokens are signed with real time.
 */
export async function verifyIdentity(
  header: string | string[] | undefined,
  subgraph: string,
  key: KeyObject = publicKey('GATEWAY_IDENTITY'),
): Promise<Identity> {
  if (typeof header !== 'string' || header === '') throw unauthenticated('this service answers only requests passed on by the gateway');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(header, key, {
      issuer: ISSUER,
      audience: audienceOf(subgraph),
      algorithms: ['EdDSA'],
      typ: 'enforcement-identity+jwt',
      maxTokenAge: LIFETIME_SECONDS + 5,
    }));
  } catch {
    // jose's reason stays in this process: which check failed helps a forger more than a caller.
    throw unauthenticated('the identity passed on by the gateway does not verify');
  }
  const identity = identityFromClaims(payload);
  if ('problem' in identity) throw unauthenticated(`the identity passed on by the gateway is incomplete: ${identity.problem}`);
  return identity;
}

/** The headers a trusted caller (the gateway, a test calling a subgraph directly) sends `subgraph` for `identity`. */
export async function identityHeaders(identity: Identity, subgraph: string, key?: KeyObject): Promise<Record<string, string>> {
  return { [IDENTITY_HEADER]: await signIdentity(identity, subgraph, key) };
}
