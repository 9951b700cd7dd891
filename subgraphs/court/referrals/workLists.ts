import type { Identity } from '../../../platform/identity';
import { forbidden } from '../../kit/auth/rules';
import { pageSizeArg } from '../../kit/validate';
import { workListPage, type Page, type WorkList } from '../../kit/workList';
import { decisionDueAt } from './deadlines';
import type { ReferralState, RefusalReferralDocument } from './model';
import type { ReferralRepository } from './repository';

/**
 * The police's and the procuratorate's work lists (domain.md: police act on their station, the
 * procuratorate on its region, with its own work list): what needs their action first, then the rest,
 * oldest first, in pages of at most 500 with a cursor.
 */

/** The police: a receipt is due on REFERRED, a decision on RECEIPTED; the rest is history. */
const POLICE_ORDER: readonly ReferralState[] = ['REFERRED', 'RECEIPTED', 'REFUSED', 'FILED', 'SUPERVISED'];

export interface WorkListArgs {
  first?: number | null;
  after?: string | null;
}

/** One part per state, in order, each within `scope`. */
function byState(scope: Scope, order: readonly ReferralState[]): WorkList<RefusalReferralDocument>['parts'] {
  return order.map((state) => ({ name: state, filter: { ...scope, state } }));
}

type Scope = { policeStation: string } | { courtCode: { $gte: string; $lt: string } };

/** The referrals sent to the caller's station: those needing a receipt, then a decision, then the rest. */
export async function policeWorkList(
  repository: ReferralRepository,
  identity: Identity,
  args: WorkListArgs & { state?: ReferralState | null },
): Promise<Page<RefusalReferralDocument>> {
  if (!identity.station) throw forbidden('police staff must name their station');
  const first = pageSizeArg('first', args.first ?? 100, 500);
  const parts = byState({ policeStation: identity.station }, args.state ? [args.state] : POLICE_ORDER);
  return workListPage(repository.referrals, { parts, time: 'referredAt' }, first, args.after);
}

/** The referrals of the caller's region the procuratorate may supervise now: refused ones, then overdue decisions. */
export async function supervisionWorkList(
  repository: ReferralRepository,
  identity: Identity,
  args: WorkListArgs,
  now: Date,
): Promise<Page<RefusalReferralDocument>> {
  const region = identity.region;
  if (!region) throw forbidden('procuratorate staff must name their region');
  const first = pageSizeArg('first', args.first ?? 100, 500);
  // A region is every court code it prefixes: a range, which an index serves on MongoDB and FerretDB alike.
  const parts = byState({ courtCode: { $gte: region, $lt: `${region}\uffff` } }, ['REFUSED', 'RECEIPTED']);
  // The procuratorate may step in after a refusal, or once a RECEIPTED referral's decision is overdue.
  const keep = (r: RefusalReferralDocument) => r.state === 'REFUSED' || (decisionDueAt(r) ?? now) < now;
  return workListPage(repository.referrals, { parts, time: 'referredAt', keep }, first, args.after);
}
