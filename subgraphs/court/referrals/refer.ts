import { nowOf } from '../../../platform/clock';
import { badUserInput, domainError, ErrorCode } from '../../../platform/errors';
import { identityOf } from '../../../platform/identity';
import { courtScoped } from '../../kit/auth/legalBasis';
import { forbidden } from '../../kit/auth/rules';
import { isCaseOfYours } from '../access';
import type { ReferralContext } from './context';
import type { RefusalReferralDocument } from './model';
import type { ReferralDraft } from './validate';

/**
 * Refers a clue to the police, on the legal basis of the caller: only through a case of their own court
 * assigned to them (or any of their court, for a division head), refused before anything is written and
 * in the same words whether the case is another court's or does not exist. A retry (same idempotency key,
 * scoped to the court) returns the original even if the case has closed since; a case of yours that is no
 * longer OPEN refuses the referral with INVALID_TRANSITION, like any action its state does not allow.
 */
export async function referRefusal(draft: ReferralDraft, ctx: ReferralContext): Promise<RefusalReferralDocument> {
  const identity = identityOf(ctx);
  const theCase = await ctx.caseByNumber.load(draft.caseNumber);
  if (!theCase || !isCaseOfYours(identity, theCase))
    throw forbidden(`no legal basis to act through ${draft.caseNumber}: not a case of yours`);
  const scoped = { ...draft, idempotencyKey: courtScoped(theCase.courtCode, draft.idempotencyKey) };
  const { repository } = ctx.referrals;
  const original = await repository.byIdempotencyKey(scoped.idempotencyKey);
  if (original) {
    if (original.caseNumber !== draft.caseNumber)
      throw badUserInput('input.idempotencyKey', `was used for a referral in case ${original.caseNumber}`);
    return original;
  }
  // Only a respondent for now; the person responsible in an organisation respondent (直接负责的主管人员) is to come.
  if (!theCase.respondentIds.includes(draft.suspectId)) throw badUserInput('input.suspectId', `is not a respondent of ${draft.caseNumber}`);
  if (theCase.status !== 'OPEN') {
    throw domainError(
      ErrorCode.INVALID_TRANSITION,
      `cannot refer case ${draft.caseNumber} to the police: it is ${theCase.status}, not OPEN`,
      {
        field: 'input.caseNumber',
        state: theCase.status,
      },
    );
  }
  return repository.insert(scoped, theCase.courtCode, nowOf(ctx));
}
