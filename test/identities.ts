import { Kind, parse } from 'graphql';
import { developmentToken } from '../gateway/auth/devTokens';
import type { Identity } from '../platform/identity';
import type { Agency } from '../domain/agencies';

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
export const officerOf = (theCase: { courtCode: string; officerId: string }): Identity =>
  ({ userId: `officer-${theCase.officerId}`, roles: ['OFFICER'], court: theCase.courtCode, officerId: theCase.officerId });
export const divisionHeadOf = (court: string): Identity => ({ userId: `head-${court}`, roles: ['DIVISION_HEAD'], court });
export const staffOf = (agency: Agency): Identity => ({ userId: `staff-${agency.toLowerCase()}`, roles: ['AGENCY_STAFF'], agency });
export const ANALYST: Identity = { userId: 'test-analyst', roles: ['ANALYST'] };
export const SUPERVISOR: Identity = { userId: 'test-supervisor', roles: ['SUPERVISOR'] };

const AGENCY_OF_REGISTER: Record<string, Agency> = {
  RealEstate: 'REALESTATE', Vehicle: 'VEHICLES', Vessel: 'VESSELS', Tax: 'TAXATION', Finance: 'FINANCE', Market: 'MARKET',
};

/**
 * Who would send an operation in practice, read off its root field: agency staff work their register's
 * queue, the police and the procuratorate answer referrals, a division head releases and deducts, and
 * an officer (TEST_OFFICER, or `officer`) does the rest. For tests about something other than roles.
 */
export function actorFor(document: string, court = TEST_OFFICER.court ?? '浙0102', officer: Identity = TEST_OFFICER): Identity {
  const roots = rootFields(document).join(' ');
  const staff = /\b(?:acknowledge|execute|reject|answer)(RealEstate|Vehicle|Vessel|Tax|Finance|Market)(?:Control|Investigation)\b/.exec(roots);
  if (staff?.[1]) return staffOf(AGENCY_OF_REGISTER[staff[1]] as Agency);
  if (/\b(?:receiptRefusalReferral|decideRefusalReferral|refusalReferralsForPolice)\b/.test(roots)) return staffOf('POLICE');
  if (/\bsuperviseRefusalReferral\b/.test(roots)) return staffOf('PROCURATORATE');
  if (/\b(?:recordVehicleSighting|impoundVehicle|vehicleRequests|vehicleInvestigations)\b/.test(roots)) return staffOf('VEHICLES');
  if (/\b(?:recordVesselDetention|vesselsToLocate|vesselRequests|vesselInvestigations)\b/.test(roots)) return staffOf('VESSELS');
  if (/\bsettleTransferTax\b/.test(roots)) return staffOf('TAXATION');
  const registerQuery = /\b(realEstate|tax|finance|market)(?:Requests|Investigations)\b/.exec(roots);
  if (registerQuery?.[1]) return staffOf(AGENCY_OF_REGISTER[registerQuery[1].charAt(0).toUpperCase() + registerQuery[1].slice(1)] as Agency);
  if (/\b(?:release\w+Control|deductFrozenFunds)\b/.test(roots)) return divisionHeadOf(court);
  return officer;
}

/** The root fields a document's operations select (not their sub-fields, which name registers too). */
function rootFields(document: string): string[] {
  try {
    return parse(document).definitions.flatMap((definition) =>
      definition.kind === Kind.OPERATION_DEFINITION
        ? definition.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : []))
        : []);
  } catch {
    return [];
  }
}

/**
 * actorFor, with the court's side played by the officer of the first of `cases` the variables name (a
 * legal basis for its parties), and a division head of that case's court where one is needed.
 */
export function actorForCases(document: string, variables: Record<string, unknown> | undefined, cases: readonly { _id: string; courtCode: string; officerId: string }[]): Identity {
  const text = JSON.stringify(variables ?? {});
  const theCase = cases.find((c) => text.includes(c._id));
  return theCase ? actorFor(document, theCase.courtCode, officerOf(theCase)) : actorFor(document);
}
