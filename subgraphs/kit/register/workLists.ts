import type { Filter } from 'mongodb';
import { nowOf } from '../../../platform/clock';
import { identityOf } from '../../../platform/identity';
import { badUserInput } from '../../../platform/errors';
import { forbidden, staffOf } from '../auth/rules';
import { pageSizeArg } from '../validate';
import { workListPage, type Page, type WorkListPart } from '../workList';
import type { RegisterDescriptor } from './findings';
import type { RegisterContext } from './loaders';
import type { ControlDocument, InvestigationDocument, InvestigationState, RequestState } from './model';
import { IN_QUEUE } from './queue';

/**
 * A register's work lists (domain.md: agency staff act on what is addressed to their register, the court
 * on its own measures): what needs action first, in pages of at most 500 with a cursor. Each register's
 * database holds only what is addressed to it, so the agency's lists are the whole database; the court's
 * expiry list is its own court's measures only.
 */

export interface WorkListArgs {
  first?: number | null;
  after?: string | null;
}

/** Received requests wait for the agency to take them up, acknowledged ones to be recorded; then what is in force. */
const REQUEST_PARTS: readonly WorkListPart<ControlDocument>[] = [
  { name: 'RECEIVED', filter: { state: IN_QUEUE, requestState: 'RECEIVED' } },
  { name: 'ACKNOWLEDGED', filter: { state: IN_QUEUE, requestState: 'ACKNOWLEDGED' } },
  { name: 'IN_FORCE', filter: { state: IN_QUEUE, requestState: { $in: ['EXECUTED', 'PARTIAL'] } } },
];

const INVESTIGATION_STATES: readonly InvestigationState[] = ['REQUESTED', 'ANSWERED'];

export function requestsPage(
  ctx: RegisterContext,
  args: WorkListArgs & { requestState?: RequestState | null },
): Promise<Page<ControlDocument>> {
  const first = pageSizeArg('first', args.first ?? 50, 500);
  // A state asked for by name is listed whole, ended measures included (e.g. every REJECTED request).
  const parts = args.requestState ? [{ name: args.requestState, filter: { requestState: args.requestState } }] : REQUEST_PARTS;
  return workListPage(ctx.register.repository.controls, { parts, time: 'requestedAt' }, first, args.after);
}

export function investigationsPage(
  ctx: RegisterContext,
  args: WorkListArgs & { state?: InvestigationState | null },
): Promise<Page<InvestigationDocument>> {
  const first = pageSizeArg('first', args.first ?? 50, 500);
  const parts = (args.state ? [args.state] : INVESTIGATION_STATES).map((state) => ({ name: state, filter: { state } }));
  return workListPage(ctx.register.repository.investigations, { parts, time: 'requestedAt' }, first, args.after);
}

/** Measures in force expiring within `withinDays`, soonest first: the register's agency sees all, court staff their court's. */
export function expiringPage(
  descriptor: RegisterDescriptor,
  ctx: RegisterContext,
  args: WorkListArgs & { withinDays: number },
): Promise<Page<ControlDocument>> {
  if (!Number.isInteger(args.withinDays) || args.withinDays < 0 || args.withinDays > 366)
    throw badUserInput('withinDays', 'must be between 0 and 366');
  const first = pageSizeArg('first', args.first ?? 100, 500);
  const identity = identityOf(ctx);
  const until = new Date(nowOf(ctx).getTime() + args.withinDays * 86_400_000);
  const filter: Filter<ControlDocument> = { state: IN_QUEUE, expiresAt: { $lte: until } };
  if (!staffOf(descriptor.agency)(identity)) {
    if (!identity.court) throw forbidden('court staff must name their court');
    filter.courtCode = identity.court;
  }
  return workListPage(ctx.register.repository.controls, { parts: [{ name: 'EXPIRING', filter }], time: 'expiresAt' }, first, args.after);
}
