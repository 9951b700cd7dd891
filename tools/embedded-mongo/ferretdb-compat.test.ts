/**
 * Executable record of which MongoDB features the project may rely on when the
 * database is the embedded FerretDB v1.24, on PostgreSQL (the default) or SQLite
 * (EMBEDDED_DATABASE=sqlite); the suite passes on both. Where FerretDB differs, the
 * test asserts both behaviours (`onFerret ? … : …`), so it also passes against
 * real MongoDB via MONGODB_URI and fails loudly if a FerretDB upgrade changes things.
 *
 * Rules that follow from it:
 * - Every update (update/findAndModify/bulkWrite) is read → modify in Go → write by
 *   _id, without a transaction (FerretDB#3040). So $inc, findOneAndUpdate and
 *   filter-based compare-and-set are NOT atomic across connections. They are
 *   atomic when all writers share one connection (MongoClient maxPoolSize: 1),
 *   because FerretDB runs one command at a time per connection.
 * - The only cross-connection arbiter is a unique constraint on insert
 *   (_id or a unique index): exactly one concurrent insert wins, others get 11000.
 * - An update/replace that would violate a unique index fails with code 1, not 11000,
 *   in the backend's words ("UNIQUE constraint failed"; PostgreSQL's "duplicate key
 *   value violates unique constraint … (SQLSTATE 23505)").
 * - PostgreSQL refuses strings holding U+0000.
 * - Unique indexes ignore documents missing the field (MongoDB indexes them as null).
 * - $group computes only its FIRST accumulator; later ones are 0 (FerretDB#4616).
 *   Use one accumulator per aggregation.
 * - On SQLite only {_id: value} filters are pushed down; on PostgreSQL equality is
 *   pushed down too (`_jsonb->'f' @> value`) but $in and $or are not (issue 14).
 */
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { testMongoUri } from '../../test/database';
import { embeddedBackend } from './launcher';
import { isFerretDb } from '../../subgraphs/kit/mongo';

let pooled: MongoClient;
let single: MongoClient;
let db: Db;
let onFerret: boolean;

beforeAll(async () => {
  const uri = testMongoUri();
  pooled = await MongoClient.connect(uri);
  single = await MongoClient.connect(uri, { maxPoolSize: 1 });
  db = pooled.db('compat_probe');
  await db.dropDatabase();
  onFerret = await isFerretDb(db);
});

afterAll(async () => {
  await db?.dropDatabase();
  await Promise.all([pooled?.close(), single?.close()]);
});

const codeOf = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => 'ok',
    (err: unknown) => (err instanceof MongoServerError ? err.code : err),
  );

test('unique index rejects duplicate inserts with 11000; compound unique indexes work', async () => {
  const users = db.collection<{ email?: string | null; org?: string; n?: number }>('users');
  await users.createIndex({ email: 1 }, { unique: true });
  await users.createIndex({ org: 1, n: -1 }, { unique: true, name: 'org_n' });
  await users.insertOne({ email: 'a@x', org: 'o', n: 1 });
  expect(await codeOf(users.insertOne({ email: 'a@x' }))).toBe(11000);
  expect(await codeOf(users.insertOne({ email: 'b@x', org: 'o', n: 1 }))).toBe(11000);
  expect(await codeOf(users.insertOne({ email: 'c@x', org: 'o', n: 2 }))).toBe('ok');
  expect((await users.indexes()).map((i) => i.name)).toEqual(expect.arrayContaining(['email_1', 'org_n']));

  // Missing fields: MongoDB indexes them as null and rejects the second document.
  await users.insertOne({ org: 'p', n: 1 });
  expect(await codeOf(users.insertOne({ org: 'p', n: 2 }))).toBe(onFerret ? 'ok' : 11000);
  await users.insertOne({ email: null, org: 'q', n: 1 });
  expect(await codeOf(users.insertOne({ email: null, org: 'q', n: 2 }))).toBe(11000);

  // Updating into a duplicate is rejected, but with a different code on FerretDB.
  await expect(users.updateOne({ email: 'c@x' }, { $set: { email: 'a@x' } })).rejects.toMatchObject(
    // In the backend's words: SQLite's, or PostgreSQL's (kit/mongo.ts isDuplicateKey knows both).
    onFerret
      ? { code: 1, message: expect.stringMatching(/UNIQUE constraint failed|duplicate key value violates unique constraint/) }
      : { code: 11000 },
  );
});

test('concurrent inserts of one key: exactly one wins, across connections', async () => {
  const claims = db.collection<{ _id: string }>('claims');
  const results = await Promise.all(Array.from({ length: 50 }, () => codeOf(claims.insertOne({ _id: 'job-1' }))));
  expect(results.filter((r) => r === 'ok')).toHaveLength(1);
  expect(results.filter((r) => r === 11000)).toHaveLength(49);
});

test('find with $in and a compound sort', async () => {
  const items = db.collection<{ _id: string; cat: string; rank: number }>('items');
  await items.insertMany([
    { _id: 'a', cat: 'x', rank: 2 },
    { _id: 'b', cat: 'y', rank: 1 },
    { _id: 'c', cat: 'z', rank: 3 },
    { _id: 'd', cat: 'x', rank: 1 },
  ]);
  const found = await items
    .find({ cat: { $in: ['x', 'y'] } })
    .sort({ rank: 1, _id: -1 })
    .toArray();
  expect(found.map((d) => d._id)).toEqual(['d', 'b', 'a']);
});

test('findOneAndUpdate $inc + upsert is an atomic counter on a single connection', async () => {
  // On the pooled client this loses updates on FerretDB (observed: final 4 of 50, plus
  // 11000 from racing upserts), so counters must go through a maxPoolSize: 1 client.
  const counters = single.db('compat_probe').collection<{ _id: string; seq: number }>('counters');
  const values = await Promise.all(
    Array.from({ length: 50 }, async () => {
      const doc = await counters.findOneAndUpdate({ _id: 'c' }, { $inc: { seq: 1 } }, { upsert: true, returnDocument: 'after' });
      return doc?.seq;
    }),
  );
  expect(new Set(values).size).toBe(50);
  expect((await counters.findOne({ _id: 'c' }))?.seq).toBe(50);
});

test('updateOne with a filter condition works as compare-and-set (single connection when concurrent)', async () => {
  const docs = db.collection<{ _id: string; version: number }>('cas');
  await docs.insertOne({ _id: 'd', version: 1 });
  expect((await docs.updateOne({ _id: 'd', version: 1 }, { $set: { version: 2 } })).modifiedCount).toBe(1);
  expect((await docs.updateOne({ _id: 'd', version: 1 }, { $set: { version: 3 } })).matchedCount).toBe(0);

  // Pooled, FerretDB let 2–7 of 20 racing CAS updates "win"; serialised, exactly one does.
  const serial = single.db('compat_probe').collection<{ _id: string; version: number }>('cas');
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => serial.updateOne({ _id: 'd', version: 2 }, { $set: { version: 100 + i } })),
  );
  expect(results.filter((r) => r.modifiedCount === 1)).toHaveLength(1);
});

test('bulkWrite replaceOne upsert is idempotent', async () => {
  const rows = db.collection<{ key: string; v: number }>('bulk');
  await rows.createIndex({ key: 1 }, { unique: true });
  const ops = ['k1', 'k2', 'k3'].map((key, v) => ({ replaceOne: { filter: { key }, replacement: { key, v }, upsert: true } }));
  expect((await rows.bulkWrite(ops)).upsertedCount).toBe(3);
  const again = await rows.bulkWrite(ops, { ordered: false });
  expect([again.upsertedCount, again.matchedCount]).toEqual([0, 3]);
  expect(await rows.countDocuments()).toBe(3);
});

test('countDocuments with a filter', async () => {
  const events = db.collection<{ kind: string }>('events');
  await events.insertMany([{ kind: 'a' }, { kind: 'b' }, { kind: 'a' }]);
  expect(await events.countDocuments({ kind: 'a' })).toBe(2);
  expect(await events.countDocuments({ kind: { $ne: 'a' } })).toBe(1);
});

test('aggregate $match + $group with $sum (one accumulator per $group on FerretDB)', async () => {
  const sales = db.collection<{ region: string; amount: number }>('sales');
  await sales.insertMany([
    { region: 'n', amount: 1 },
    { region: 'n', amount: 2 },
    { region: 's', amount: 5 },
    { region: 's', amount: -9 },
  ]);
  const totals = await sales
    .aggregate([{ $match: { amount: { $gt: 0 } } }, { $group: { _id: '$region', total: { $sum: '$amount' } } }, { $sort: { _id: 1 } }])
    .toArray();
  expect(totals).toEqual([
    { _id: 'n', total: 3 },
    { _id: 's', total: 5 },
  ]);

  const [both] = await sales.aggregate([{ $group: { _id: null, count: { $sum: 1 }, total: { $sum: '$amount' } } }]).toArray();
  expect(both).toEqual({ _id: null, count: 4, total: onFerret ? 0 : -1 });
});

test('dates round-trip with millisecond precision and range queries', async () => {
  const at = new Date('2024-03-01T12:34:56.789Z');
  const log = db.collection<{ _id: string; at: Date }>('dates');
  await log.insertOne({ _id: 'e', at });
  const back = await log.findOne({ at: { $gte: new Date('2024-03-01T00:00:00Z'), $lt: new Date('2024-03-02T00:00:00Z') } });
  expect(back?.at).toBeInstanceOf(Date);
  expect(back?.at.toISOString()).toBe(at.toISOString());
});

test('$or keyset pagination with sort + limit visits every document once', async () => {
  type Row = { _id: string; at: Date };
  const rows = db.collection<Row>('pages');
  const day = (d: number): Date => new Date(Date.UTC(2024, 0, d));
  // Repeated timestamps force the _id tie-breaker to matter.
  const all: Row[] = Array.from({ length: 10 }, (_, i) => ({ _id: `r${i}`, at: day(1 + Math.floor(i / 3)) }));
  await rows.insertMany(all);
  const expected = [...all].sort((a, b) => b.at.getTime() - a.at.getTime() || (a._id < b._id ? 1 : -1)).map((r) => r._id);

  const seen: string[] = [];
  let after: Row | undefined;
  for (;;) {
    const filter = after ? { $or: [{ at: { $lt: after.at } }, { at: after.at, _id: { $lt: after._id } }] } : {};
    const page = await rows.find(filter).sort({ at: -1, _id: -1 }).limit(3).toArray();
    if (page.length === 0) break;
    seen.push(...page.map((r) => r._id));
    after = page[page.length - 1];
  }
  expect(seen).toEqual(expected);
});

test('$and of a work-list part, $ne: null and the keyset $or pages forwards through one part only (kit/workList.ts)', async () => {
  type Row = { _id: string; state: string; at: Date | null };
  const rows = db.collection<Row>('workList');
  const day = (d: number): Date => new Date(Date.UTC(2024, 0, d));
  await rows.insertMany([
    { _id: 'a', state: 'RECEIVED', at: day(2) },
    { _id: 'b', state: 'RECEIVED', at: day(1) },
    { _id: 'c', state: 'RECEIVED', at: day(2) },
    { _id: 'd', state: 'RECEIVED', at: null },
    { _id: 'e', state: 'ACKNOWLEDGED', at: day(1) },
  ]);
  const page = (after: Row | null) =>
    rows
      .find({
        $and: [
          { state: { $in: ['RECEIVED'] } },
          after ? { $or: [{ at: { $gt: after.at } }, { at: after.at, _id: { $gt: after._id } }] } : { at: { $ne: null } },
        ],
      })
      .sort({ at: 1, _id: 1 })
      .limit(2)
      .toArray();
  const first = await page(null);
  expect(first.map((r) => r._id)).toEqual(['b', 'a']);
  expect((await page(first[1])).map((r) => r._id)).toEqual(['c']);
});

test('a guarded take: $ne on an array, $or of $exists: false and $lte, $inc with $push, and $pull to hand back (finance/deductions.ts)', async () => {
  type Freeze = { _id: string; deducted?: number; deductionReferences?: string[] };
  const freezes = db.collection<Freeze>('guardedTake');
  await freezes.insertOne({ _id: 'f' });
  const take = (reference: string, amount: number, ceiling: number) =>
    freezes.updateOne(
      {
        _id: 'f',
        deductionReferences: { $ne: reference },
        $or: [{ deducted: { $exists: false } }, { deducted: { $lte: ceiling - amount } }],
      },
      { $inc: { deducted: amount }, $push: { deductionReferences: reference } },
    );
  expect((await take('r1', 60, 100)).matchedCount).toBe(1); // no field yet: the $exists branch
  expect((await take('r1', 10, 100)).matchedCount).toBe(0); // the same reference is not taken twice
  expect((await take('r2', 50, 100)).matchedCount).toBe(0); // 60 + 50 > 100
  expect((await take('r2', 40, 100)).matchedCount).toBe(1);
  await freezes.updateOne({ _id: 'f', deductionReferences: 'r2' }, { $inc: { deducted: -40 }, $pull: { deductionReferences: 'r2' } });
  expect(await freezes.findOne({ _id: 'f' })).toEqual({ _id: 'f', deducted: 60, deductionReferences: ['r1'] });
});

test('features FerretDB v1 rejects as NotImplemented (238), so the project must not use them', async () => {
  if (!onFerret) return;
  const c = db.collection('unsupported');
  await c.insertOne({ xs: [{ a: 1 }] });
  const attempts: Array<() => Promise<unknown>> = [
    () => c.aggregate([{ $lookup: { from: 'x', localField: 'a', foreignField: 'b', as: 'j' } }]).toArray(),
    () => c.aggregate([{ $facet: { a: [] } }]).toArray(),
    () => c.aggregate([{ $group: { _id: null, m: { $max: '$a' } } }]).toArray(), // only $sum and $count exist
    () => c.aggregate([{ $project: { d: { $multiply: ['$a', 2] } } }]).toArray(), // expressions: only $sum, $type
    () => c.createIndex({ at: 1 }, { expireAfterSeconds: 60 }),
    () => c.createIndex({ z: 1 }, { unique: true, partialFilterExpression: { z: { $exists: true } } }),
    () => c.updateMany({}, { $set: { 'xs.$[e].a': 2 } }, { arrayFilters: [{ 'e.a': 1 }] }),
  ];
  for (const attempt of attempts) expect(await codeOf(attempt())).toBe(238);
  // Transactions fail too (FailedToParse: unknown field "autocommit").
  const session = pooled.startSession();
  await expect(session.withTransaction(() => c.insertOne({}, { session }))).rejects.toBeInstanceOf(MongoServerError);
  await session.endSession();
});

test('a string holding U+0000 is refused by FerretDB on PostgreSQL, so the validators refuse control characters first (kit/validate.ts)', async () => {
  const c = db.collection('nul');
  const stored = await codeOf(c.insertOne({ text: 'a\u0000b' }));
  if (onFerret && embeddedBackend() === 'postgresql') expect(stored).not.toBe('ok');
  else expect(stored).toBe('ok');
});
