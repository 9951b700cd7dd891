import { domainError, ErrorCode } from '../../platform/errors';
import { type Outbox } from '../kit/outbox';
import { isDuplicateKey } from '../kit/mongo';
import { orderIdOf } from './ids';
import type { ParticipantDocument, PaymentDocument, PaymentEventDocument } from './model';
import type { PaymentChannel } from './paymentChannel';
import { foldPaymentState, type PaymentState } from './paymentState';
import { failedSms, paidSms } from './reminders';
import type { VictimsRepository } from './repository';

export async function loadPaymentState(repo: VictimsRepository, payment: PaymentDocument): Promise<PaymentState> {
  const [run, events] = await Promise.all([
    repo.batchRuns.findOne({ _id: payment.batchId }),
    repo.paymentEvents.find({ paymentId: payment._id }).toArray(),
  ]);
  return foldPaymentState(payment, run, events);
}

function event(
  payment: PaymentDocument,
  attempt: number,
  step: PaymentEventDocument['step'],
  fields: Pick<PaymentEventDocument, 'status' | 'at'> & Partial<PaymentEventDocument>,
): PaymentEventDocument {
  return {
    _id: `${payment._id}:${attempt}:${step}`,
    paymentId: payment._id,
    roundId: payment.roundId,
    batchId: payment.batchId,
    caseNumber: payment.caseNumber,
    participantId: payment.participantId,
    attempt,
    step,
    amount: payment.amount,
    ...fields,
  };
}

function recipient(payment: PaymentDocument) {
  return { participantId: payment.participantId, caseNumber: payment.caseNumber, phone: payment.phone };
}

/** Inserts a step; the same step twice is refused, which is what keeps each transition single. */
async function insertStep(repo: VictimsRepository, doc: PaymentEventDocument, refusal: string): Promise<void> {
  try {
    await repo.paymentEvents.insertOne(doc);
  } catch (error) {
    if (isDuplicateKey(error)) throw domainError(ErrorCode.INVALID_TRANSITION, refusal);
    throw error;
  }
}

/**
 * The bank's answer recorded by staff: SUCCESS or FAILED for a payment in flight (FAILED also after the
 * channel's SUCCESS: a bank may return a transfer it first took, e.g. to a closed account), RETURNED once
 * the failed amount is back in the court's account.
 */
export async function recordPaymentResult(
  repo: VictimsRepository,
  outbox: Outbox,
  payment: PaymentDocument,
  roundNumber: number,
  status: 'SUCCESS' | 'FAILED' | 'RETURNED',
  reason: string | undefined,
  now: Date,
): Promise<PaymentState> {
  const state = await loadPaymentState(repo, payment);
  const inFlight = state.status === 'SENT' || state.status === 'RESENT';
  const bouncedAfterSuccess = status === 'FAILED' && state.status === 'SUCCESS' && !state.outcomeRecorded;
  if (status === 'RETURNED') {
    if (state.status !== 'FAILED')
      throw domainError(ErrorCode.INVALID_TRANSITION, `payment ${payment._id} is ${state.status}; only a FAILED payment can be RETURNED`);
    await insertStep(
      repo,
      event(payment, state.attempt, 'RETURNED', { status: 'RETURNED', at: now }),
      `payment ${payment._id} is already returned`,
    );
  } else {
    if (!inFlight && !bouncedAfterSuccess)
      throw domainError(
        ErrorCode.INVALID_TRANSITION,
        `payment ${payment._id} is ${state.status}; a result can be recorded only for a payment in flight`,
      );
    if (status === 'FAILED' && !reason)
      throw domainError(ErrorCode.BAD_USER_INPUT, 'reason: a failure needs its reason (e.g. name mismatch, closed account)', {
        field: 'reason',
      });
    await insertStep(
      repo,
      event(payment, state.attempt, 'OUTCOME', { status, reason, bankCard: state.bankCard, at: now }),
      `payment ${payment._id} already has a result for attempt ${state.attempt}`,
    );
    const sms = status === 'SUCCESS' ? paidSms : failedSms;
    await outbox.enqueue([sms(recipient(payment), roundNumber, state.attempt, payment.amount, state.bankCard)]);
  }
  return loadPaymentState(repo, payment);
}

/**
 * Pays a RETURNED payment again, to the card the participant gave since (a new attempt, a new order).
 * Calling it again while the resend is in flight re-submits the same order, which the channel pays once.
 */
export async function resendPayment(
  repo: VictimsRepository,
  outbox: Outbox,
  channel: PaymentChannel,
  payment: PaymentDocument,
  participant: ParticipantDocument,
  roundNumber: number,
  now: Date,
): Promise<PaymentState> {
  const state = await loadPaymentState(repo, payment);
  let attempt = state.attempt;
  if (state.status === 'RETURNED') {
    if (participant.bankCard === state.bankCard)
      throw domainError(ErrorCode.INVALID_TRANSITION, 'collect a new bank card (updateBankCard) before resending');
    attempt += 1;
    try {
      await repo.paymentEvents.insertOne(event(payment, attempt, 'SENT', { status: 'RESENT', bankCard: participant.bankCard, at: now }));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  } else if (state.status !== 'RESENT') {
    throw domainError(ErrorCode.INVALID_TRANSITION, `payment ${payment._id} is ${state.status}; only a RETURNED payment can be resent`);
  }
  const resent = await loadPaymentState(repo, payment);
  const order = {
    orderId: orderIdOf(payment._id, attempt),
    paymentId: payment._id,
    attempt,
    amount: payment.amount,
    bankCard: resent.bankCard,
    name: participant.name,
  };
  const outcome = (await channel.submit([order])).get(order.orderId);
  if (outcome && outcome.status !== 'ACCEPTED') {
    const reason = outcome.status === 'FAILED' ? outcome.reason : undefined;
    try {
      await repo.paymentEvents.insertOne(
        event(payment, attempt, 'OUTCOME', { status: outcome.status, reason, bankCard: resent.bankCard, at: now }),
      );
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const sms = outcome.status === 'SUCCESS' ? paidSms : failedSms;
    await outbox.enqueue([sms(recipient(payment), roundNumber, attempt, payment.amount, resent.bankCard)]);
  }
  return loadPaymentState(repo, payment);
}
