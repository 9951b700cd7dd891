import { developmentToken } from '../gateway/auth/devTokens';
import type { Identity } from '../subgraphs/kit/auth/identity';

/**
 * Whom tests act as unless they say otherwise. Phase 1 checks that an officer's claims are present,
 * not that they match the case, so one officer of the seed's first court serves every test.
 */
export const TEST_OFFICER: Identity = { userId: 'test-officer', roles: ['OFFICER'], court: '浙0102', officerId: '330102-0001' };

/** Who sends a request: an identity (signed into a development token), 'anonymous' (no token) or a raw token. */
export type QueryAs = Identity | 'anonymous' | string;

export interface QueryOptions {
  as?: QueryAs;
}

/** The Authorization header a client acting as `as` sends to the gateway. */
export async function authorizationFor(as: QueryAs = TEST_OFFICER): Promise<Record<string, string>> {
  if (as === 'anonymous') return {};
  const token = typeof as === 'string' ? as : await developmentToken(as, { lifetime: '1h' });
  return { authorization: `Bearer ${token}` };
}
