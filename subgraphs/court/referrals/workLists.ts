import { badUserInput } from '../../../platform/errors';
import type { Identity } from '../../../platform/identity';
import { forbidden } from '../../kit/auth/rules';
import { pageSizeArg } from '../../kit/validate';
import { decisionDueAt } from './deadlines';
import type { ReferralState, RefusalReferralDocument } from './model';
import type { ReferralCursor, ReferralRepository } from './repository';
import { decodePosition, encodePosition, positionDate } from '../cursor';

/**
 * The police's and the procuratorate's work lists (domain.md: police act on their station, the
 * procuratorate on its region, with its own work list): what needs their action first, then the rest,
 * oldest first, in pages of at most 500 with a cursor.
 */

/** The police: a receipt is due on REFERRED, a decision on RECEIPTED; the rest is history. */
const POLICE_ORDER: readonly ReferralState[] = ['REFERRED', 'RECEIPTED', 'REFUSED', 'FILED', 'SUPERVISED'];
/** The procuratorate may step in after a refusal, or once a RECEIPTED referral's decision is overdue. */
const SUPERVISION_ORDER: readonly ReferralState[] = ['REFUSED', 'RECEIPTED'];

export interface WorkListArgs {
  first?: number | null;
  after?: string | null;
}

export interface ReferralPage {
  nodes: RefusalReferralDocument[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

function encodeCursor(referral: RefusalReferralDocument): string {
  return encodePosition([referral.state, referral.referredAt.toISOString(), referral._id]);
}

function cursorArg(field: string, value: string | null | undefined, order: readonly ReferralState[]): ReferralCursor | null {
  if (value === null || value === undefined) return null;
  const [state, referredAt, id] = decodePosition(field, value, 3);
  if (!(order as readonly string[]).includes(state)) throw badUserInput(field, 'is not a cursor returned by this query');
  return { state: state as ReferralState, referredAt: positionDate(field, referredAt), id };
}

function page(found: { nodes: RefusalReferralDocument[]; hasNextPage: boolean }): ReferralPage {
  const last = found.nodes.at(-1);
  return { nodes: found.nodes, pageInfo: { endCursor: last ? encodeCursor(last) : null, hasNextPage: found.hasNextPage } };
}

/** The referrals sent to the caller's station: those needing a receipt, then a decision, then the rest. */
export async function policeWorkList(repository: ReferralRepository, identity: Identity, args: WorkListArgs & { state?: ReferralState | null }): Promise<ReferralPage> {
  if (!identity.station) throw forbidden('police staff must name their station');
  const order = args.state ? [args.state] : POLICE_ORDER;
  const first = pageSizeArg('first', args.first ?? 100, 500);
  return page(await repository.workList({ policeStation: identity.station }, order, first, cursorArg('after', args.after, order)));
}

/** The referrals of the caller's region the procuratorate may supervise now: refused ones, then overdue decisions. */
export async function supervisionWorkList(repository: ReferralRepository, identity: Identity, args: WorkListArgs, now: Date): Promise<ReferralPage> {
  const region = identity.region;
  if (!region) throw forbidden('procuratorate staff must name their region');
  const first = pageSizeArg('first', args.first ?? 100, 500);
  // A region is every court code it prefixes: a range, which an index serves on MongoDB and FerretDB alike.
  const inRegion = { courtCode: { $gte: region, $lt: `${region}\uffff` } };
  const overdueOrRefused = (r: RefusalReferralDocument) => r.state === 'REFUSED' || (decisionDueAt(r) ?? now) < now;
  return page(await repository.workList(inRegion, SUPERVISION_ORDER, first, cursorArg('after', args.after, SUPERVISION_ORDER), overdueOrRefused));
}
