import { domainError, ErrorCode } from '../../../platform/errors';
import { decisionDueAt } from './deadlines';
import type { PoliceDecision, ReferralChange, RefusalReferralDocument } from './model';

/**
 * The referral's states (domain.md): REFERRED → RECEIPTED → FILED | REFUSED, and REFUSED → SUPERVISED.
 * The procuratorate may also step in while the police let the decision deadline pass (RECEIPTED → SUPERVISED).
 * SUPERVISED and FILED end the court's side of the referral.
 */
export interface TransitionRule {
  /** Completes "cannot … referral X", for the INVALID_TRANSITION message. */
  action: string;
  /** What the action needs, when the state alone does not say it. */
  requires?: string;
  allowed(referral: RefusalReferralDocument, now: Date): boolean;
  change(referral: RefusalReferralDocument, now: Date): ReferralChange;
}

export function refuseTransition(referral: RefusalReferralDocument, rule: TransitionRule): never {
  throw domainError(
    ErrorCode.INVALID_TRANSITION,
    `cannot ${rule.action} referral ${referral._id}: it is ${referral.state}${rule.requires ? ` (${rule.requires})` : ''}`,
    {
      id: referral._id,
      state: referral.state,
    },
  );
}

export const receiptRule: TransitionRule = {
  action: 'give a receipt for',
  allowed: (r) => r.state === 'REFERRED',
  change: (_r, now) => ({ state: 'RECEIPTED', receiptAt: now }),
};

/** A refusal is reported to the court with its reason as it is recorded: this system is that report. */
export function decideRule(decision: { decision: PoliceDecision; reason: string | null; policeCaseNumber: string | null }): TransitionRule {
  return {
    action: decision.decision === 'FILED' ? 'file a case for' : 'refuse to file',
    allowed: (r) => r.state === 'RECEIPTED',
    change: (_r, now) =>
      decision.decision === 'FILED'
        ? { state: 'FILED', decision: 'FILED', decidedAt: now, policeCaseNumber: decision.policeCaseNumber }
        : { state: 'REFUSED', decision: 'REFUSED', decidedAt: now, refusalReason: decision.reason, reportedToCourtAt: now },
  };
}

export function superviseRule(note: string): TransitionRule {
  return {
    action: 'supervise',
    requires: 'the procuratorate steps in after a refusal or once the decision is overdue',
    allowed: (r, now) => {
      if (r.state === 'REFUSED') return true;
      const due = decisionDueAt(r);
      return r.state === 'RECEIPTED' && due !== null && now > due;
    },
    change: (_r, now) => ({ state: 'SUPERVISED', supervisedAt: now, supervisionNote: note }),
  };
}
