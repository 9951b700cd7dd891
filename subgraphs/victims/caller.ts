import type { IncomingHttpHeaders } from 'node:http';
import type { GraphQLError } from 'graphql';
import { domainError, ErrorCode } from '../../platform/errors';
import { PARTICIPANT_ID } from './ids';

/**
 * Who asks, as far as this subgraph's rules go. Staff roles come from the identity the gateway verified;
 * participants have no login yet (a later issue), so until then `x-caller: {"role":"PARTICIPANT","participantId":"P…"}`
 * names one. The header may only narrow what the verified identity allows, never widen it.
 */
export const CALLER_ROLES = ['OFFICER', 'DIVISION_HEAD', 'SUPERVISOR', 'ANALYST', 'PARTICIPANT'] as const;
export type CallerRole = (typeof CALLER_ROLES)[number];

export interface Caller {
  role: CallerRole;
  participantId?: string;
}

export const CALLER_HEADER = 'x-caller';

/** Roles that see less than any staff role, so any caller may take them on. */
const NARROWER: readonly CallerRole[] = ['PARTICIPANT', 'ANALYST'];
/** Strongest first: a caller with several verified roles acts with the strongest the victims rules know. */
const STAFF_ORDER: readonly CallerRole[] = ['DIVISION_HEAD', 'OFFICER', 'SUPERVISOR', 'ANALYST'];

/**
 * @param verifiedRoles the roles of the gateway-verified identity; undefined where a server passes none
 *   (then OFFICER, the development default), empty for a caller with no role here (e.g. agency staff).
 */
export function callerOf(headers: IncomingHttpHeaders, verifiedRoles?: readonly string[]): Caller | GraphQLError {
  const staff = verifiedRoles === undefined ? 'OFFICER' : STAFF_ORDER.find((role) => verifiedRoles.includes(role));
  const raw = headers[CALLER_HEADER];
  if (raw === undefined) return staff ? { role: staff } : domainError(ErrorCode.FORBIDDEN, 'mass-victim cases are not open to this role');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Array.isArray(raw) ? raw[0] : raw);
  } catch {
    return domainError(ErrorCode.UNAUTHENTICATED, `${CALLER_HEADER} must be JSON {role, participantId?}`);
  }
  const { role, participantId } = (parsed ?? {}) as { role?: unknown; participantId?: unknown };
  if (!CALLER_ROLES.includes(role as CallerRole))
    return domainError(ErrorCode.UNAUTHENTICATED, `${CALLER_HEADER}.role must be one of ${CALLER_ROLES.join(', ')}`);
  const claimed = role as CallerRole;
  if (claimed === 'PARTICIPANT') {
    if (typeof participantId !== 'string' || !PARTICIPANT_ID.test(participantId)) {
      return domainError(ErrorCode.UNAUTHENTICATED, `${CALLER_HEADER}.participantId must name a participant (P + 16 hex digits)`);
    }
    return { role: claimed, participantId };
  }
  if (!NARROWER.includes(claimed) && verifiedRoles !== undefined && !verifiedRoles.includes(claimed)) {
    return domainError(ErrorCode.FORBIDDEN, `${CALLER_HEADER} cannot claim ${claimed} beyond the verified identity`);
  }
  return { role: claimed };
}

export function isStaff(caller: Caller): boolean {
  return caller.role === 'OFFICER' || caller.role === 'DIVISION_HEAD';
}

/** Officers and division heads act on cases; everyone else is refused. */
export function requireStaff(caller: Caller): void {
  if (!isStaff(caller)) throw domainError(ErrorCode.FORBIDDEN, 'only enforcement officers may do this');
}
