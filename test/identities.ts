import { Kind, parse } from 'graphql';
import { developmentToken } from '../gateway/auth/devTokens';
import type { Identity } from '../platform/identity';
import { AGENCIES, type Agency } from '../domain/agencies';
import type { Rule } from '../subgraphs/kit/auth/rules';
import { SUBGRAPHS } from '../subgraphs/registry';

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

/** The officer a case names, acting for their own court: the one identity with a legal basis on its parties. */
export const officerOf = (theCase: { courtCode: string; officerId: string }): Identity => ({
  userId: `officer-${theCase.officerId}`,
  roles: ['OFFICER'],
  court: theCase.courtCode,
  officerId: theCase.officerId,
});
export const divisionHeadOf = (court: string): Identity => ({ userId: `head-${court}`, roles: ['DIVISION_HEAD'], court });
/** The police station and the procuratorate's region staffOf gives them: the referral tests' default station, the whole province. */
export const TEST_STATION = '杭州市公安局上城区分局';
export const TEST_REGION = '浙';
export const staffOf = (agency: Agency): Identity => ({
  userId: `staff-${agency.toLowerCase()}`,
  roles: ['AGENCY_STAFF'],
  agency,
  ...(agency === 'POLICE' && { station: TEST_STATION }),
  ...(agency === 'PROCURATORATE' && { region: TEST_REGION }),
});
/** Police of one station, the procuratorate of one region. */
export const policeOf = (station: string): Identity => ({
  userId: `police-${station}`,
  roles: ['AGENCY_STAFF'],
  agency: 'POLICE',
  station,
});
export const procuratorateOf = (region: string): Identity => ({
  userId: `procuratorate-${region}`,
  roles: ['AGENCY_STAFF'],
  agency: 'PROCURATORATE',
  region,
});
export const ANALYST: Identity = { userId: 'test-analyst', roles: ['ANALYST'] };
export const SUPERVISOR: Identity = { userId: 'test-supervisor', roles: ['SUPERVISOR'] };

/** Every root field's rule, as the subgraphs apply it (kit/auth/rules.ts). */
const RULES = new Map<string, Rule>(
  SUBGRAPHS.flatMap((subgraph) => [...Object.entries(subgraph.rules.Query ?? {}), ...Object.entries(subgraph.rules.Mutation ?? {})]),
);

/**
 * Who would send an operation in practice: the first of the officer, a division head of their court and
 * each agency's staff whom the subgraphs' own rules admit to every root field of the document. So agency
 * staff work their register's queue, the police and the procuratorate answer referrals, a division head
 * releases and deducts, and the officer (TEST_OFFICER, or `officer`) does the rest. For tests about
 * something other than roles.
 */
export function actorFor(document: string, court = TEST_OFFICER.court ?? '浙0102', officer: Identity = TEST_OFFICER): Identity {
  const roots = rootFields(document);
  const candidates = [officer, divisionHeadOf(court), ...AGENCIES.map(staffOf)];
  return candidates.find((candidate) => roots.every((field) => RULES.get(field)?.(candidate) ?? true)) ?? officer;
}

/** The root fields a document's operations select (not their sub-fields, which name registers too). */
function rootFields(document: string): string[] {
  try {
    return parse(document).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION
        ? definition.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []))
        : [],
    );
  } catch {
    return [];
  }
}

/**
 * actorFor, with the court's side played by the officer of the first of `cases` the variables name (a
 * legal basis for its parties), and a division head of that case's court where one is needed.
 */
export function actorForCases(
  document: string,
  variables: Record<string, unknown> | undefined,
  cases: readonly { _id: string; courtCode: string; officerId: string }[],
): Identity {
  const text = JSON.stringify(variables ?? {});
  const theCase = cases.find((c) => text.includes(c._id));
  return theCase ? actorFor(document, theCase.courtCode, officerOf(theCase)) : actorFor(document);
}
