import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MongoClient, Db } from 'mongodb';
import { freshDatabase } from '../../test/database';
import { createRandom, generateBankCard, generatePhone } from '../../domain/identifiers';
import { Outbox } from '../kit/outbox';
import { batchIdOf, pairId, roundIdOf } from './ids';
import type { BatchDocument, PaymentItem } from './model';
import { FilePaymentChannel, type PaymentChannel } from './paymentChannel';
import { runPayoutBatch } from './payouts';
import { VictimsRepository } from './repository';

const ROUND = roundIdOf('（2025）浙0102执400号', 1);
const random = createRandom('victims-payouts');
let client: MongoClient;
let db: Db;
const dir = mkdtempSync(join(tmpdir(), 'victims-payouts-'));

beforeAll(async () => {
  ({ client, db } = await freshDatabase('t_victims_payouts', { maxPoolSize: 5 }));
});
afterAll(() => client?.close());

function batch(number: number, size: number): BatchDocument {
  const items: PaymentItem[] = Array.from({ length: size }, (_, i) => {
    const participantId = `P${(number * 10_000 + i).toString(16).padStart(16, '0')}`;
    return {
      paymentId: pairId(ROUND, participantId),
      participantId,
      amount: 1000 + i,
      name: '赵六',
      bankCard: generateBankCard(random),
      phone: generatePhone(random),
    };
  });
  return {
    _id: batchIdOf(ROUND, number),
    roundId: ROUND,
    caseNumber: '（2025）浙0102执400号',
    number,
    first: items[0].participantId,
    last: items[size - 1].participantId,
    count: size,
    total: items.reduce((s, i) => s + i.amount, 0),
    items,
    createdAt: new Date(),
  };
}

function orders(path: string): string[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { orderId: string }).orderId);
}

/** A channel whose bank took the first submission and then the process died before the run was recorded. */
function crashingAfterFirstSubmit(inner: PaymentChannel): PaymentChannel {
  let calls = 0;
  return {
    submit: async (o) => {
      const answer = await inner.submit(o);
      if (++calls === 1) throw new Error('process died after the bank accepted the orders');
      return answer;
    },
    close: () => inner.close(),
  };
}

describe('payout retries', () => {
  it('resumes a batch that crashed after the bank took part of it, paying every order once, even across a restart', async () => {
    const repo = new VictimsRepository(db);
    const outbox = new Outbox(db);
    const b = batch(1, 1200); // three submissions of at most 500
    await repo.batches.insertOne(b);
    const path = join(dir, 'payments.jsonl');
    const first = await FilePaymentChannel.open(path);
    await expect(runPayoutBatch(repo, outbox, crashingAfterFirstSubmit(first), b, 1, new Date())).rejects.toThrow('process died');
    await first.close();
    expect(orders(path)).toHaveLength(500);
    expect((await repo.batchRuns.findOne({ _id: b._id }))?.state).toBe('RUNNING');

    // A new process: the channel rebuilds its set of paid orders from its file.
    const restarted = await FilePaymentChannel.open(path);
    const run = await runPayoutBatch(repo, outbox, restarted, b, 1, new Date());
    expect(run).toMatchObject({ state: 'DONE', totals: { succeeded: 1200, succeededAmount: b.total } });
    const again = await runPayoutBatch(repo, outbox, restarted, b, 1, new Date());
    expect(again.finishedAt).toEqual(run.finishedAt);
    await restarted.close();
    expect(orders(path)).toHaveLength(1200);
    expect(new Set(orders(path)).size).toBe(1200);
    expect(await db.collection('outbox').countDocuments({ kind: 'victims.paid' })).toBe(1200);
  });
});
