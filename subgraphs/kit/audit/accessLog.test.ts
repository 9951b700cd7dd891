import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient, type Collection, type Db } from 'mongodb';
import { ACCESS_LOG, entryHash, GENESIS, type AccessEntry, type AccessEntryInput } from './accessLog';
import { appenderFor, ChainAppender } from './appender';
import { accessLogCheckpointer } from './checkpointer';
import { ACCESS_LOG_CHECKPOINTS, CheckpointStore } from './checkpoints';
import { accessLogKey } from './key';
import { verifyChain } from './verify';
import { testMongoUri } from '../../../test/database';

const KEY = 'test-key-of-at-least-thirty-two-characters';
const OTHER = '330102199001011237';
const SUBJECT = '330102198505051234'; // the one whose looks a tamperer would hide
const input = (n: number): AccessEntryInput => ({
  userId: `officer-${n % 3}`,
  role: 'OFFICER',
  court: '浙0102',
  agency: null,
  subjectId: n % 5 === 3 ? SUBJECT : OTHER,
  answeredBy: 'REALESTATE',
  categories: ['REAL_ESTATE'],
  caseNumber: '（2026）浙0102执1号',
  operation: 'realEstateFindings',
  resultCount: n,
});

let client: MongoClient;
const dir = mkdtempSync(join(tmpdir(), 'access-log-test-'));
beforeAll(async () => {
  client = await MongoClient.connect(testMongoUri());
});
afterAll(() => client.close());

interface Log {
  db: Db;
  entries: Collection<AccessEntry>;
  checkpoints: CheckpointStore;
  check(): ReturnType<typeof verifyChain>;
}

/** A fresh log of `count` entries, appended one by one, checkpointed at its end. */
async function logOf(name: string, count: number, minute = 0): Promise<Log> {
  const db = client.db(`t_access_log_${name}`);
  await db.dropDatabase();
  const appender = new ChainAppender(db.collection<AccessEntry>(ACCESS_LOG), KEY);
  let last: AccessEntry | undefined;
  for (let n = 0; n < count; n++) last = await appender.append(input(n), new Date(Date.UTC(2026, 11, 4, 9, minute, n)));
  const checkpoints = new CheckpointStore(db, KEY, dir);
  if (last) await checkpoints.write({ position: last._id, headHash: last.hash }, new Date(Date.UTC(2026, 11, 4, 9, 1)));
  const entries = db.collection<AccessEntry>(ACCESS_LOG);
  return { db, entries, checkpoints, check: async () => verifyChain(entries, KEY, await checkpoints.read()) };
}

/**
 * What a tamperer does after changing the log: renumber the entries from 1 and chain them again from
 * position `from` with a MAC of their own, keeping the untouched entries before it as they were.
 */
async function rebuild(entries: Collection<AccessEntry>, from: number, mac: (entry: Omit<AccessEntry, 'hash'>) => string): Promise<void> {
  const kept = await entries.find().sort({ _id: 1 }).toArray();
  await entries.deleteMany({});
  let previousHash = GENESIS;
  for (const [index, entry] of kept.entries()) {
    const position = index + 1;
    const { hash: original, ...rest } = entry;
    const unsigned = { ...rest, _id: position, previousHash };
    const hash = position < from ? original : mac(unsigned);
    await entries.insertOne({ ...unsigned, hash });
    previousHash = hash;
  }
}
const guessedKey = (entry: Omit<AccessEntry, 'hash'>) =>
  createHmac('sha256', 'a guessed key').update(entry.previousHash).update(JSON.stringify(entry)).digest('hex');
const unkeyed = (entry: Omit<AccessEntry, 'hash'>) =>
  createHash('sha256').update(entry.previousHash).update(JSON.stringify(entry)).digest('hex');

const broken = (kind: string, firstBrokenAt: number, entries: number) =>
  expect.objectContaining({ intact: false, kind, firstBrokenAt, entries });

describe('the access log', () => {
  it('chains 60 concurrent entries into one unbroken sequence, holding no identifier in clear', async () => {
    const db = client.db('t_access_log_concurrent');
    await db.dropDatabase();
    await Promise.all(Array.from({ length: 60 }, (_, n) => appenderFor(db, KEY).append(input(n), new Date())));
    const log = db.collection<AccessEntry>(ACCESS_LOG);
    const store = new CheckpointStore(db, KEY, dir);
    expect(await verifyChain(log, KEY, await store.read())).toEqual({
      intact: true,
      entries: 60,
      firstBrokenAt: null,
      kind: null,
      lastCheckpoint: null,
    });
    expect(JSON.stringify(await log.find().toArray())).not.toContain(OTHER);
  });

  it('keeps one chain when two instances of a subgraph append to the same log at once', async () => {
    const shared = client.db('t_access_log_instances');
    await shared.dropDatabase();
    await shared.collection(ACCESS_LOG).createIndex({ subjectHash: 1 });
    const log = shared.collection<AccessEntry>(ACCESS_LOG);
    // Two appenders on one collection stand for two processes: each keeps its own idea of the chain's end.
    const instances = [new ChainAppender(log, KEY), new ChainAppender(log, KEY)];
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 40 }, (_, n) => (instances[n % 2] as ChainAppender).append(input(n), new Date())));
    }
    expect(await verifyChain(log, KEY, { signed: [], forged: 0 })).toMatchObject({ intact: true, entries: 120 });
  });

  it('verifies a log held against its checkpoint, naming the checkpoint', async () => {
    const log = await logOf('intact', 20);
    expect(await log.check()).toEqual({
      intact: true,
      entries: 20,
      firstBrokenAt: null,
      kind: null,
      lastCheckpoint: expect.objectContaining({ position: 20 }),
    });
  });

  it('finds an entry altered in place: ALTERED at its position', async () => {
    const log = await logOf('altered', 20);
    await log.entries.updateOne({ _id: 17 }, { $set: { resultCount: 0 } });
    expect(await log.check()).toEqual(broken('ALTERED', 17, 16));
  });

  it('finds an entry removed without rebuilding: MISSING at its position', async () => {
    const log = await logOf('removed', 20);
    await log.entries.deleteOne({ _id: 3 });
    expect(await log.check()).toEqual(broken('MISSING', 3, 2));
  });

  it('finds the last entries deleted: TRUNCATED at the first one cut off', async () => {
    const log = await logOf('truncated', 20);
    await log.entries.deleteMany({ _id: { $gt: 15 } });
    expect(await log.check()).toEqual(broken('TRUNCATED', 16, 15));
  });

  it('finds the log emptied, even with its checkpoint collection emptied too: the file still says how far it reached', async () => {
    const log = await logOf('emptied', 20);
    await log.entries.deleteMany({});
    await log.db.collection(ACCESS_LOG_CHECKPOINTS).deleteMany({});
    expect(await log.check()).toEqual(broken('TRUNCATED', 1, 0));
  });

  it('finds an entry altered and the chain rebuilt after it, with a guessed key or the old unkeyed hash: ALTERED where the rebuilding starts', async () => {
    for (const [name, mac] of [
      ['rebuilt_guessed', guessedKey],
      ['rebuilt_unkeyed', unkeyed],
    ] as const) {
      const log = await logOf(name, 20);
      await log.entries.updateOne({ _id: 7 }, { $set: { userId: 'nobody' } });
      await rebuild(log.entries, 7, mac);
      expect(await log.check()).toEqual(broken('ALTERED', 7, 6));
    }
  });

  it("finds all of one subject's entries removed and the rest renumbered and rebuilt: ALTERED at the first of them", async () => {
    const log = await logOf('subject_removed', 20);
    const first = await log.entries.findOne({ resultCount: 3 }); // input(3) is the first look at SUBJECT
    await log.entries.deleteMany({ resultCount: { $in: [3, 8, 13, 18] } });
    await rebuild(log.entries, 4, guessedKey);
    expect(first?._id).toBe(4);
    expect(await log.check()).toEqual(broken('ALTERED', 4, 3));
  });

  it('finds two entries swapped in order: ALTERED at the earlier place', async () => {
    const log = await logOf('reordered', 20);
    const [fifth, sixth] = (await log.entries
      .find({ _id: { $in: [5, 6] } })
      .sort({ _id: 1 })
      .toArray()) as [AccessEntry, AccessEntry];
    const { _id: _5, ...asFifth } = sixth;
    const { _id: _6, ...asSixth } = fifth;
    await log.entries.replaceOne({ _id: 5 }, asFifth);
    await log.entries.replaceOne({ _id: 6 }, asSixth);
    expect(await log.check()).toEqual(broken('ALTERED', 5, 4));
  });

  it('finds an entry backdated: ALTERED at its position', async () => {
    const log = await logOf('backdated', 20);
    await log.entries.updateOne({ _id: 12 }, { $set: { at: new Date(Date.UTC(2026, 10, 1)) } });
    expect(await log.check()).toEqual(broken('ALTERED', 12, 11));
  });

  it('finds a forged entry appended after the end, linked to it: ALTERED at its position', async () => {
    const log = await logOf('forged_append', 20);
    const end = (await log.entries.findOne({ _id: 20 })) as AccessEntry;
    const { hash: _h, ...unsigned } = { ...end, _id: 21, previousHash: end.hash, userId: 'officer-9', resultCount: 0 };
    await log.entries.insertOne({ ...unsigned, hash: guessedKey(unsigned) });
    expect(await log.check()).toEqual(broken('ALTERED', 21, 20));
  });

  it('finds an entry copied from another log signed with the same key: RELINKED at its position', async () => {
    const log = await logOf('spliced', 20);
    const other = await logOf('splice_source', 20, 30);
    // Entry 8 of the other log is validly signed for position 8, but follows that log's entry 7.
    const { _id: _8, ...foreign } = (await other.entries.findOne({ _id: 8 })) as AccessEntry;
    await log.entries.replaceOne({ _id: 8 }, foreign);
    expect(await log.check()).toEqual(broken('RELINKED', 8, 7));
  });

  it('finds the chain rebuilt with the log key itself, by an insider who cannot reach the checkpoint file: CHECKPOINT_MISMATCH at the checkpoint', async () => {
    const log = await logOf('rebuilt_with_key', 20);
    await log.entries.updateOne({ _id: 3 }, { $set: { userId: 'nobody' } });
    await rebuild(log.entries, 3, (entry) => entryHash(KEY, entry));
    await log.db.collection(ACCESS_LOG_CHECKPOINTS).deleteMany({});
    expect(await log.check()).toEqual(broken('CHECKPOINT_MISMATCH', 20, 19));
  });

  it('does not take a checkpoint it did not sign: one claiming a longer log is reported as FORGED_CHECKPOINT, not as a truncation', async () => {
    const log = await logOf('forged_checkpoint', 20);
    await log.db.collection(ACCESS_LOG_CHECKPOINTS).insertOne({
      _id: 1000 as never,
      log: log.db.databaseName,
      position: 1000,
      headHash: 'f'.repeat(64),
      at: new Date(),
      signature: '0'.repeat(64),
    });
    expect(await log.check()).toEqual({
      intact: false,
      entries: 20,
      firstBrokenAt: null,
      kind: 'FORGED_CHECKPOINT',
      lastCheckpoint: expect.objectContaining({ position: 20 }),
    });
  });

  it('checkpoints the end as its service starts and stops, in the collection and the file, only when the log has grown', async () => {
    const db = client.db('t_access_log_checkpointer');
    await db.dropDatabase();
    const key = accessLogKey();
    const appender = appenderFor(db, key);
    await appender.append(input(1), new Date());
    const stop = await accessLogCheckpointer({ name: 'test', db, clock: () => new Date(Date.UTC(2026, 11, 4, 12)) });
    for (let n = 0; n < 4; n++) await appender.append(input(n), new Date());
    await stop();
    const store = new CheckpointStore(db, key, process.env.ACCESS_LOG_CHECKPOINT_DIR as string);
    const stored = await store.read();
    expect(stored.signed.map((c) => c.position)).toEqual([1, 5]);
    expect(readFileSync(store.file, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(await verifyChain(db.collection(ACCESS_LOG), key, stored)).toMatchObject({ intact: true, entries: 5 });
    const again = await accessLogCheckpointer({ name: 'test', db, clock: () => new Date() });
    await again();
    expect((await store.read()).signed).toHaveLength(2); // started and stopped again with nothing new: one more line, same position, same head
  });
});
