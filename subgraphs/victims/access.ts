import { checkCaseBasis, requireCaseBasis } from '../kit/auth/legalBasis';
import { forbidden } from '../kit/auth/rules';
import { nowOf } from '../../platform/clock';
import { domainError, ErrorCode } from '../../platform/errors';
import { identityOf } from '../../platform/identity';
import type { FigureAccess } from './aggregates';
import { isStaff, requireStaff, type Caller } from './caller';
import type { VictimsContext } from './context';
import { participantArg } from './lookups';
import { PARTICIPANT_ID } from './ids';
import type { ParticipantDocument } from './model';

/**
 * domain.md: every step of a mass-victim case names a case, and the case decides who may act. Staff act on a
 * mass case only with the court's notice for its enforcement case (`EnforcementCase.basis`). The court gives
 * one only to the officer assigned to the open case or to a division head of its court, so another court's
 * staff, and anybody citing a case that does not exist, are refused the same way. Participants reach their
 * own data without one; analysts and supervisors, and staff without a notice, the aggregates, with every
 * figure about 1 to 9 people withheld.
 */

/** Staff with the court's notice for `caseNumber`, or FORBIDDEN, before anything is read or written. */
export function requireCaseStaff(ctx: VictimsContext, notice: unknown, caseNumber: string): Caller {
  const caller = ctx.caller();
  requireStaff(caller);
  requireCaseBasis(ctx, notice, caseNumber);
  ctx.noticed.add(caseNumber);
  return caller;
}

/**
 * Takes an optional notice for `caseNumber`: the case's figures are then shown in full. None is no refusal
 * (the analysts' view follows); a notice that is not one for this caller and case is.
 */
export function takeNotice(ctx: VictimsContext, notice: unknown, caseNumber: string): void {
  if (notice === null || notice === undefined) return;
  requireCaseStaff(ctx, notice, caseNumber);
}

/** Anyone but a participant may read aggregates: a participant sees only their own data. */
export function requireAggregateReader(ctx: VictimsContext): Caller {
  const caller = ctx.caller();
  if (caller.role === 'PARTICIPANT') throw domainError(ErrorCode.FORBIDDEN, 'a participant may see only their own data');
  return caller;
}

/** How a case's figures are shown to this caller: in full only to staff whose request carries the court's notice for it. */
export function aggregateAccess(ctx: VictimsContext, caseNumber: string): FigureAccess {
  return isStaff(requireAggregateReader(ctx)) && ctx.noticed.has(caseNumber) ? 'FULL' : 'SUPPRESS_SMALL_GROUPS';
}

/** For what only the case's own staff see beside its figures (a round's batches): a notice taken earlier in this request. */
export function requireNoticed(ctx: VictimsContext, caseNumber: string): void {
  requireStaff(ctx.caller());
  if (!ctx.noticed.has(caseNumber)) throw forbidden(`no legal basis to act through ${caseNumber}: the court gave no notice for this case`);
}

/**
 * One participant, for themself or for staff with the court's notice for their case. Staff are refused
 * in the same words whether the id exists or belongs to another court's case: which cases a person is
 * in is theirs to keep.
 */
export async function participantFor(
  ctx: VictimsContext,
  field: string,
  participantId: string,
  notice: unknown,
): Promise<ParticipantDocument> {
  const caller = ctx.caller();
  if (caller.role === 'PARTICIPANT') {
    // Checked before the lookup, so a participant cannot even learn whether another id exists.
    if (caller.participantId !== participantId) throw domainError(ErrorCode.FORBIDDEN, 'a participant may see only their own data');
    return participantArg(ctx, field, participantId);
  }
  if (!isStaff(caller)) throw domainError(ErrorCode.FORBIDDEN, 'no access to individual participants');
  if (!PARTICIPANT_ID.test(participantId)) return participantArg(ctx, field, participantId); // BAD_USER_INPUT naming the field
  const found = await ctx.participantById.load(participantId);
  const basis = found ? checkCaseBasis(notice, { caseNumber: found.caseNumber, userId: identityOf(ctx).userId }, nowOf(ctx)) : 'unknown';
  if (!found || typeof basis === 'string') throw forbidden(`no notice of the court's for you reaches participant ${participantId}`);
  ctx.noticed.add(found.caseNumber);
  return found;
}
