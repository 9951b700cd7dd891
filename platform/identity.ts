import { domainError, ErrorCode } from './errors';
import { AGENCIES, isAgency, type Agency } from '../domain/agencies';

/** domain.md, "Who may see what": what each role may do is decided per subgraph, on this identity. */
export const ROLES = ['OFFICER', 'DIVISION_HEAD', 'AGENCY_STAFF', 'ANALYST', 'SUPERVISOR'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, as the gateway verified it from the client's token; the same in every subgraph. */
export interface Identity {
  /** `sub`: the user's id at the identity provider. */
  userId: string;
  roles: Role[];
  /** The court code (e.g. 浙0102) of an OFFICER or DIVISION_HEAD. */
  court?: string;
  /** The agency an AGENCY_STAFF member works for. */
  agency?: Agency;
  /** The court's officer id of an OFFICER, as cases name it in `officerId`. */
  officerId?: string;
  /** The police station (公安机关, as referrals name it) of POLICE staff: they see only the referrals sent to it. */
  station?: string;
  /**
   * The region of PROCURATORATE staff, as the court-code prefix of the courts in it (浙 the province, 浙01
   * Hangzhou, 浙0102 one district): they supervise only those courts' referrals.
   */
  region?: string;
}

/**
 * The part of a resolver context the kit fills from the request (defineSubgraph assigns it).
 * Optional only for contexts built by hand outside a server; identityOf refuses those.
 */
export interface IdentityScope {
  identity?: Identity;
}

/** The claims as they travel in a token, both the client's and the gateway's. */
export interface IdentityClaims {
  sub: string;
  roles: Role[];
  court?: string;
  agency?: Agency;
  officerId?: string;
  station?: string;
  region?: string;
}

const isRole = (value: unknown): value is Role => (ROLES as readonly unknown[]).includes(value);

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

/**
 * The identity a verified token's claims describe, or what is missing. Strict on purpose: an unknown
 * role or a role without the claim its rules need would otherwise reach phase-2 checks half-formed.
 */
export function identityFromClaims(claims: Record<string, unknown>): Identity | { problem: string } {
  const userId = text(claims.sub);
  if (!userId) return { problem: 'the token names no user (sub)' };
  const roles = claims.roles;
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every(isRole))
    return { problem: `roles must list one or more of ${ROLES.join(', ')}` };
  const court = text(claims.court);
  const officerId = text(claims.officerId);
  const agency = claims.agency;
  if (agency !== undefined && !isAgency(agency)) return { problem: `agency must be one of ${AGENCIES.join(', ')}` };
  if ((roles.includes('OFFICER') || roles.includes('DIVISION_HEAD')) && !court)
    return { problem: 'an officer or division head must name a court' };
  if (roles.includes('OFFICER') && !officerId) return { problem: 'an officer must carry an officerId' };
  if (roles.includes('AGENCY_STAFF') && !agency) return { problem: 'agency staff must name an agency' };
  const station = text(claims.station);
  const region = text(claims.region);
  if (agency === 'POLICE' && !station) return { problem: 'police staff must name their station' };
  if (agency === 'PROCURATORATE' && !region)
    return { problem: 'procuratorate staff must name their region (a court-code prefix such as 浙01)' };
  if (region !== undefined && !/^浙\d{0,4}$/.test(region))
    return { problem: 'region must be a court-code prefix such as 浙, 浙01 or 浙0102' };
  return {
    userId,
    roles: [...new Set(roles)],
    ...(court && { court }),
    ...(agency && { agency }),
    ...(officerId && { officerId }),
    ...(station && { station }),
    ...(region && { region }),
  };
}

export function claimsOf(identity: Identity): IdentityClaims {
  const { userId, ...rest } = identity;
  return { sub: userId, ...rest };
}

/** The request's identity, for resolvers (phase 2's rules start here); refuses a context built without one. */
export function identityOf(ctx: IdentityScope): Identity {
  if (!ctx.identity) throw domainError(ErrorCode.UNAUTHENTICATED, 'no verified identity reached this resolver');
  return ctx.identity;
}
