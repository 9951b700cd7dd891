import { MongoClient, type Db } from 'mongodb';
import { ACCESS_LOG, verifyChain, type AccessEntry, type AccessEntryInput } from './accessLog';
import { appenderFor, ChainAppender } from './appender';

const KEY = 'test-key';
const input = (n: number): AccessEntryInput => ({
  userId: `officer-${n % 3}`, role: 'OFFICER', court: '浙0102', agency: null, subjectId: '330102199001011237',
  answeredBy: 'REALESTATE', categories: ['REAL_ESTATE'], caseNumber: '（2026）浙0102执1号', operation: 'realEstateFindings', resultCount: n,
});

let client: MongoClient;
let db: Db;
beforeAll(async () => {
  client = new MongoClient(process.env.MONGODB_URI as string);
  await client.connect();
  db = client.db('t_access_log');
  await db.dropDatabase();
});
afterAll(() => client.close());

describe('the access log', () => {
  it('chains 60 concurrent entries into one unbroken sequence, holding no identifier in clear', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, n) => appenderFor(db, KEY).append(input(n), new Date())));
    const log = db.collection<AccessEntry>(ACCESS_LOG);
    expect(await verifyChain(log)).toEqual({ intact: true, entries: 60, firstBrokenAt: null });
    expect(JSON.stringify(await log.find().toArray())).not.toContain('330102199001011237');
  });

  it('detects an altered entry, naming where the chain breaks', async () => {
    const log = db.collection<AccessEntry>(ACCESS_LOG);
    await log.updateOne({ _id: 17 }, { $set: { resultCount: 0 } });
    expect(await verifyChain(log)).toEqual({ intact: false, entries: 16, firstBrokenAt: 17 });
  });

  it('detects a removed entry', async () => {
    const fresh = client.db('t_access_log_removed');
    await fresh.dropDatabase();
    for (let n = 0; n < 5; n++) await appenderFor(fresh, KEY).append(input(n), new Date());
    const log = fresh.collection<AccessEntry>(ACCESS_LOG);
    await log.deleteOne({ _id: 3 });
    expect((await verifyChain(log)).firstBrokenAt).toBe(3);
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
    expect(await verifyChain(log)).toEqual({ intact: true, entries: 120, firstBrokenAt: null });
  });
});
