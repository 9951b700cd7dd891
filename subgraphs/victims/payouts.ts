import { domainError, ErrorCode } from '../../platform/errors';
import { insertIgnoringDuplicates, type Outbox, type OutboxMessage } from '../kit/outbox';
import { isDuplicateKey } from '../kit/mongo';
import { forEachAllocation } from './allocationStore';
import { batchIdOf, orderIdOf, pairId, splitPairId } from './ids';
import type {
  BatchDocument,
  BatchOutcomeTotals,
  BatchRunDocument,
  ParticipantDocument,
  PaymentDocument,
  PaymentItem,
  RoundDocument,
} from './model';

type Contact = Pick<ParticipantDocument, '_id' | 'name' | 'bankCard' | 'phone'>;
import type { ChannelOutcome, PaymentChannel, PaymentOrder } from './paymentChannel';
import { failedSms, paidSms } from './reminders';
import type { VictimsRepository } from './repository';

/** Orders per call to the channel: one write and one fsync per call in the file channel. */
const ORDERS_PER_SUBMIT = 500;

/**
 * Splits a round's payments into batches of `batchSize`, ordered by participant id so a re-run makes the
 * same batches. Batches are inserts with derived ids: a second call adds nothing, and a call resuming a
 * crashed one keeps the size first asked for, so no payment can land in two batches.
 */
export async function createPayoutBatches(
  repo: VictimsRepository,
  round: RoundDocument,
  requestedSize: number,
  now: Date,
): Promise<BatchDocument[]> {
  if (round.state !== 'DONE') throw domainError(ErrorCode.INVALID_TRANSITION, `round ${round._id} has not finished allocating`);
  if (round.batchCount === undefined) {
    const batchSize = round.batchSize ?? requestedSize;
    if (round.batchSize === undefined) await repo.rounds.updateOne({ _id: round._id }, { $set: { batchSize } });
    const contacts = new Map<string, Contact>();
    await repo.forEach<ParticipantDocument, Contact>(repo.participants, { caseNumber: round.caseNumber }, (p) => contacts.set(p._id, p), {
      name: 1,
      bankCard: 1,
      phone: 1,
    });
    const payees: PaymentItem[] = [];
    await forEachAllocation(repo, round._id, (a) => {
      if (a.amount <= 0) return;
      const p = contacts.get(a.participantId);
      if (!p) throw new Error(`allocation ${a._id} pays ${a.participantId}, who is not registered`);
      payees.push({
        paymentId: pairId(round._id, p._id),
        participantId: p._id,
        amount: a.amount,
        name: p.name,
        bankCard: p.bankCard,
        phone: p.phone,
      });
    });
    contacts.clear();
    payees.sort((a, b) => (a.participantId < b.participantId ? -1 : 1));
    let count = 0;
    // The batch is the payments' only record (about 150 kB per 1,000): a second copy per payment would double the round's writes.
    for (let start = 0, number = 1; start < payees.length; start += batchSize, number++) {
      const items = payees.slice(start, start + batchSize);
      const batch: BatchDocument = {
        _id: batchIdOf(round._id, number),
        roundId: round._id,
        caseNumber: round.caseNumber,
        number,
        first: items[0].participantId,
        last: items[items.length - 1].participantId,
        count: items.length,
        total: items.reduce((s, i) => s + i.amount, 0),
        items,
        createdAt: now,
      };
      await insertIgnoringDuplicates(repo.batches, [batch]);
      count += 1;
    }
    await repo.rounds.updateOne({ _id: round._id }, { $set: { batchCount: count } });
  }
  return repo.batches
    .find({ roundId: round._id }, { projection: { items: 0 } })
    .sort({ number: 1 })
    .toArray();
}

/** A payment by id: the item of the batch whose participant range holds it. */
export async function paymentOf(repo: VictimsRepository, paymentId: string): Promise<PaymentDocument | null> {
  const pair = splitPairId(paymentId);
  if (!pair) return null;
  const batch = await repo.batches.findOne({
    roundId: pair.parent,
    first: { $lte: pair.participantId },
    last: { $gte: pair.participantId },
  });
  const item = batch?.items.find((i) => i.paymentId === paymentId);
  if (!batch || !item) return null;
  const { paymentId: _id, ...rest } = item;
  return { _id, roundId: batch.roundId, caseNumber: batch.caseNumber, batchId: batch._id, ...rest, createdAt: batch.createdAt };
}

function recipientOf(item: PaymentItem, caseNumber: string) {
  return { participantId: item.participantId, caseNumber, phone: item.phone };
}

/**
 * Pays one batch through the channel. The run is claimed by inserting its record; a re-run of a finished
 * batch answers from that record, and a re-run of one that crashed submits the same orders again, which
 * the channel (idempotent by order id) answers without paying twice. Each outcome is told by SMS.
 */
export async function runPayoutBatch(
  repo: VictimsRepository,
  outbox: Outbox,
  channel: PaymentChannel,
  batch: BatchDocument,
  roundNumber: number,
  now: Date,
): Promise<BatchRunDocument> {
  let started: BatchRunDocument = {
    _id: batch._id,
    roundId: batch.roundId,
    caseNumber: batch.caseNumber,
    state: 'RUNNING',
    startedAt: now,
  };
  try {
    await repo.batchRuns.insertOne(started);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await repo.batchRuns.findOne({ _id: batch._id });
    if (existing?.state === 'DONE') return existing;
    if (existing) started = existing;
  }
  const outcomes = new Map<string, ChannelOutcome>();
  for (let start = 0; start < batch.items.length; start += ORDERS_PER_SUBMIT) {
    const orders: PaymentOrder[] = batch.items.slice(start, start + ORDERS_PER_SUBMIT).map((i) => ({
      orderId: orderIdOf(i.paymentId, 1),
      paymentId: i.paymentId,
      attempt: 1,
      amount: i.amount,
      bankCard: i.bankCard,
      name: i.name,
    }));
    for (const [orderId, outcome] of await channel.submit(orders)) outcomes.set(orderId, outcome);
  }
  const totals: BatchOutcomeTotals = { succeeded: 0, succeededAmount: 0, failed: 0, failedAmount: 0, accepted: 0, acceptedAmount: 0 };
  const failed: { paymentId: string; reason: string }[] = [];
  const accepted: string[] = [];
  const sms: OutboxMessage[] = [];
  for (const item of batch.items) {
    const outcome = outcomes.get(orderIdOf(item.paymentId, 1));
    if (!outcome) throw new Error(`the payment channel gave no answer for ${item.paymentId}`);
    if (outcome.status === 'SUCCESS') {
      totals.succeeded += 1;
      totals.succeededAmount += item.amount;
      sms.push(paidSms(recipientOf(item, batch.caseNumber), roundNumber, 1, item.amount, item.bankCard));
    } else if (outcome.status === 'FAILED') {
      totals.failed += 1;
      totals.failedAmount += item.amount;
      failed.push({ paymentId: item.paymentId, reason: outcome.reason });
      sms.push(failedSms(recipientOf(item, batch.caseNumber), roundNumber, 1, item.amount, item.bankCard));
    } else {
      totals.accepted += 1;
      totals.acceptedAmount += item.amount;
      accepted.push(item.paymentId);
    }
  }
  const done: BatchRunDocument = { ...started, state: 'DONE', finishedAt: now, failed, accepted, totals };
  // One document per batch, a few hundred per round: cheap to replace even where updates scan.
  await repo.batchRuns.replaceOne({ _id: batch._id }, done);
  await outbox.enqueue(sms);
  return done;
}
