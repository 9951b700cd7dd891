import { developmentIdentities, developmentToken } from '../gateway/auth/devTokens';
import type { Identity } from '../platform/identity';
import { identityHeaders } from '../platform/internalToken';
import type { HeadersFor, Target } from './operations';

/**
 * What each target needs to answer a request about one court's case. Both gateways take a client's
 * bearer token (the development key's, as `npm start` prints them); the subgraph itself takes only the
 * identity header a gateway signs. Each request goes as the division head of the case's court, who
 * has a legal basis for every open case there. The identity header lives 60 s, so the floor's headers
 * are signed afresh each time they are asked for (once per run) rather than once.
 */
export function authFor(courts: readonly string[]): (target: Target) => Promise<HeadersFor> {
  const heads = new Map<string, Identity>(
    courts.map((court) => [court, developmentIdentities({ court, officerId: 'bench' }).DIVISION_HEAD]),
  );
  let bearers: Promise<Map<string, Record<string, string>>> | undefined;
  const signAll = async (sign: (identity: Identity) => Promise<Record<string, string>>) =>
    new Map(await Promise.all([...heads].map(async ([court, identity]) => [court, await sign(identity)] as const)));
  return async (target) => {
    const headers =
      target === 'floor'
        ? await signAll((identity) => identityHeaders(identity, 'court'))
        : await (bearers ??= signAll(async (identity) => ({ authorization: `Bearer ${await developmentToken(identity)}` })));
    return (court) => {
      const found = headers.get(court);
      if (!found) throw new Error(`no identity for court ${court}`);
      return found;
    };
  };
}
