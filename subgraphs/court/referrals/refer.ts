import { nowOf } from '../../../platform/clock';
import { badUserInput, domainError, ErrorCode } from '../../../platform/errors';
import type { ReferralContext } from './context';
import type { RefusalReferralDocument } from './model';
import type { ReferralDraft } from './validate';

/**
 * Refers a clue to the police. A retry (same idempotency key) returns the original even if the case has
 * closed since. A case that does not exist is bad input; a case that exists but is no longer OPEN refuses
 * the referral with INVALID_TRANSITION, like any action its state does not allow.
 */
export async function referRefusal(draft: ReferralDraft, ctx: ReferralContext): Promise<RefusalReferralDocument> {
  const { repository } = ctx.referrals;
  const original = await repository.byIdempotencyKey(draft.idempotencyKey);
  if (original) {
    if (original.caseNumber !== draft.caseNumber) throw badUserInput('input.idempotencyKey', `was used for a referral in case ${original.caseNumber}`);
    return original;
  }
  const theCase = await ctx.caseByNumber.load(draft.caseNumber);
  if (!theCase) throw badUserInput('input.caseNumber', `no case ${draft.caseNumber}`);
  // Only a respondent for now; the person responsible in an organisation respondent (直接负责的主管人员) is to come.
  if (!theCase.respondentIds.includes(draft.suspectId)) throw badUserInput('input.suspectId', `is not a respondent of ${draft.caseNumber}`);
  if (theCase.status !== 'OPEN') {
    throw domainError(ErrorCode.INVALID_TRANSITION, `cannot refer case ${draft.caseNumber} to the police: it is ${theCase.status}, not OPEN`, {
      field: 'input.caseNumber',
      state: theCase.status,
    });
  }
  return repository.insert(draft, theCase.courtCode, nowOf(ctx));
}
