import type { BatchRunDocument, PaymentDocument, PaymentEventDocument, PaymentStatus } from './model';

export interface PaymentState {
  status: PaymentStatus;
  attempt: number;
  bankCard: string;
  reason?: string;
  updatedAt?: Date;
  /** Whether the current attempt's outcome came from a recorded result rather than the channel's answer. */
  outcomeRecorded: boolean;
}

const STEP_ORDER = { SENT: 0, OUTCOME: 1, RETURNED: 2 } as const;

/**
 * A payment's state, folded from its batch run (attempt 1 as the channel answered it) and the events after:
 * QUEUED → SENT → SUCCESS | FAILED → RETURNED → RESENT (a new attempt on a new card) → SUCCESS | FAILED …
 * Nothing is updated in place, so the fold is the only place the state machine is read.
 */
export function foldPaymentState(
  payment: PaymentDocument,
  run: BatchRunDocument | null,
  events: readonly PaymentEventDocument[],
): PaymentState {
  const state: PaymentState = { status: 'QUEUED', attempt: 1, bankCard: payment.bankCard, outcomeRecorded: false };
  if (run) {
    state.updatedAt = run.finishedAt ?? run.startedAt;
    const failed = run.failed?.find((f) => f.paymentId === payment._id);
    if (run.state !== 'DONE' || run.accepted?.includes(payment._id)) state.status = 'SENT';
    else if (failed) {
      state.status = 'FAILED';
      state.reason = failed.reason;
    } else state.status = 'SUCCESS';
  }
  const ordered = [...events].sort((a, b) => a.attempt - b.attempt || STEP_ORDER[a.step] - STEP_ORDER[b.step]);
  for (const event of ordered) {
    state.updatedAt = event.at;
    if (event.step === 'SENT') {
      state.attempt = event.attempt;
      state.bankCard = event.bankCard ?? state.bankCard;
      state.status = 'RESENT';
      state.reason = undefined;
      state.outcomeRecorded = false;
    } else if (event.step === 'OUTCOME') {
      state.status = event.status;
      state.reason = event.reason;
      state.outcomeRecorded = true;
    } else state.status = 'RETURNED';
  }
  return state;
}
