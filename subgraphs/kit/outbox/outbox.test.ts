import { join } from 'node:path';
import type { Db, MongoClient } from 'mongodb';
import { Outbox, ticketIdOf } from './enqueue';
import { LeaseHeldError, OutboxDispatcher } from './dispatcher';
import { FileSmsSender } from './fileSender';
import { outboxCollections, outboxKey, type MessageDocument, type TicketDocument } from './model';
import { fakeClock, idsInFile, messages, testDatabase } from '../../../test/outboxTesting';

let client: MongoClient;
let db: Db;
let dir: string;
const c = outboxCollections();

beforeAll(async () => {
  ({ client, db, dir } = await testDatabase('t_outbox_unit'));
});
afterAll(() => client?.close());

async function dispatch(file: string, options: ConstructorParameters<typeof OutboxDispatcher>[2] = {}) {
  const sender = await FileSmsSender.open(file);
  const dispatcher = new OutboxDispatcher(db, sender, { owner: 'unit', clock: fakeClock(), ...options });
  try {
    return await dispatcher.drain();
  } finally {
    await dispatcher.stop();
    await sender.close();
  }
}

describe('outbox', () => {
  it('builds keys from kind, subject and stage', () => {
    expect(outboxKey('victims', 'P1', 'REGISTERED')).toBe('victims:P1:REGISTERED');
  });

  it('enqueues a message once however often, and in whatever chunks, it is enqueued', async () => {
    const outbox = new Outbox(db);
    expect(await outbox.enqueue(messages('a', 3))).toEqual({ enqueued: 3, duplicates: 0 });
    expect(await outbox.enqueue(messages('a', 3))).toEqual({ enqueued: 0, duplicates: 3 });
    expect(await outbox.enqueue(messages('a', 4))).toEqual({ enqueued: 1, duplicates: 3 });
    expect(await db.collection(c.messages).countDocuments({ _id: { $in: ['a:0', 'a:1', 'a:2', 'a:3'] } } as object)).toBe(4);
  });

  it('delivers each message exactly once, marks it sent and empties the queue', async () => {
    const file = join(dir, 'deliver.jsonl');
    const result = await dispatch(file);
    expect(result).toMatchObject({ sent: 4, rejected: 0, waiting: 0 });
    expect(idsInFile(file).sort()).toEqual(['a:0', 'a:1', 'a:2', 'a:3']);
    expect(await db.collection(c.sent).countDocuments({ status: 'SENT' })).toBe(4);
    expect(await db.collection(c.tickets).countDocuments()).toBe(0);
    expect(await db.collection(c.progress).countDocuments()).toBe(0);
    // A retry of the business operation after delivery: the ticket comes back, its messages are known.
    expect(await new Outbox(db).enqueue(messages('a', 3))).toEqual({ enqueued: 0, duplicates: 3 });
    expect((await dispatch(file)).sent).toBe(0);
    expect(idsInFile(file)).toHaveLength(4);
  });

  it('keeps to the rate limit', async () => {
    await new Outbox(db, { ticketSize: 25 }).enqueue(messages('rate', 120));
    const clock = fakeClock();
    const result = await dispatch(join(dir, 'rate.jsonl'), { clock, messagesPerSecond: 40 });
    expect(result.sent).toBe(120);
    // 40 go at once (a full bucket), the other 80 wait for tokens at 40 a second.
    expect(clock.slept).toBeGreaterThanOrEqual(2000);
    expect(clock.slept).toBeLessThan(2200);
  });

  it('recovers a ticket whose enqueuer died half-way, skipping what another ticket owns', async () => {
    const batch = messages('crashed', 5);
    const ticketId = ticketIdOf(batch);
    const enqueuedAt = new Date();
    // The enqueuer wrote the ticket and two message records, then died; crashed:4 belongs to an earlier ticket.
    await db.collection<TicketDocument>(c.tickets).insertOne({ _id: ticketId, messages: batch, enqueuedAt });
    await db
      .collection<MessageDocument>(c.messages)
      .insertMany([
        ...batch.slice(0, 2).map((m) => ({ _id: m.id, ticketId, kind: m.kind, to: m.to, text: m.text, enqueuedAt })),
        { _id: 'crashed:4', ticketId: 'earlier', kind: 'test', to: '13800138000', text: 'x', enqueuedAt },
      ]);
    const file = join(dir, 'recover.jsonl');
    const clock = fakeClock(enqueuedAt.getTime());
    expect(await dispatch(file, { clock, recoverAfterMs: 60_000 })).toMatchObject({ sent: 0, waiting: 1 });
    clock.advance(61_000);
    expect(await dispatch(file, { clock, recoverAfterMs: 60_000 })).toMatchObject({ sent: 4, waiting: 0 });
    expect(idsInFile(file).sort()).toEqual(['crashed:0', 'crashed:1', 'crashed:2', 'crashed:3']);
  });

  it('resends a chunk whose mark was lost, and the sender delivers it once', async () => {
    await new Outbox(db).enqueue(messages('window', 30));
    const file = join(dir, 'window.jsonl');
    let crashes = 0;
    const crashOnce = () => {
      if (crashes++ === 1) throw new Error('crash after the second chunk was sent');
    };
    await expect(dispatch(file, { chunkSize: 10, afterSend: crashOnce })).rejects.toThrow('crash after');
    expect(idsInFile(file)).toHaveLength(20);
    expect(await db.collection(c.sent).countDocuments({ _id: /^window:/ } as object)).toBe(10);
    expect((await dispatch(file, { chunkSize: 10 })).sent).toBe(20);
    expect(new Set(idsInFile(file)).size).toBe(30);
    expect(idsInFile(file)).toHaveLength(30);
  });

  it('runs one dispatcher per outbox: a second is refused until the first releases or goes silent', async () => {
    const sender = await FileSmsSender.open(join(dir, 'lease.jsonl'));
    const clock = fakeClock();
    const first = new OutboxDispatcher(db, sender, { owner: 'first', clock, leaseTtlMs: 10_000 });
    const second = new OutboxDispatcher(db, sender, { owner: 'second', clock, leaseTtlMs: 10_000 });
    await first.drain();
    await expect(second.drain()).rejects.toBeInstanceOf(LeaseHeldError);
    clock.advance(11_000);
    await second.drain();
    // The first was replaced: it notices the newer epoch as soon as it has something to send.
    await new Outbox(db).enqueue(messages('lease', 1));
    await expect(first.drain()).rejects.toThrow('replaced');
    await second.stop();
    await first.drain();
    await first.stop();
    await sender.close();
  });
});
