import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { REAL_ESTATE_REGISTER } from '../../realestate/register';
import type { AssetDocument, ControlDocument } from './model';
import { ranked } from './queue';
import { AssetQueue, receiveControl } from './placement';
import { testMongoUri } from '../../../test/database';
import { registerWithUnit, sealReceipt, UNIT } from '../../../test/registerFixture';

const receipt = sealReceipt;

let client: MongoClient;
const inserts: CommandStartedEvent[] = [];
beforeAll(async () => {
  client = new MongoClient(testMongoUri(), { monitorCommands: true });
  client.on('commandStarted', (event) => {
    if (event.commandName === 'insert') inserts.push(event);
  });
  await client.connect();
});
afterAll(() => client.close());

const register = (name: string) => registerWithUnit(client, `placement_${name}`);

describe('placing requests in an asset’s queue', () => {
  it('ranks thirty concurrent requests in the order they were received, each keeping its receipt time, in a few inserts and no retries', async () => {
    const db = await register('concurrent');
    const received = Array.from({ length: 30 }, (_, n) => new Date(Date.UTC(2026, 11, 4, 9, 0, 0, Math.floor(n / 3)))); // three to a millisecond
    inserts.length = 0;
    const placed = await Promise.all(
      received.map((at, n) => receiveControl(REAL_ESTATE_REGISTER, db.collection('assets'), db.collection('controls'), receipt(n, at))),
    );
    expect(placed.map((p) => p.control.rank)).toEqual(received.map((_, n) => n));
    expect(placed.map((p) => p.control.acknowledgedAt)).toEqual(received);
    const stored = await db.collection<ControlDocument>('controls').find().toArray();
    expect(ranked(stored).map(({ control, rank }) => [control.caseNumber, rank, control.rank])).toEqual(
      received.map((_, n) => [receipt(n, received[0] as Date).request.caseNumber, n, n]),
    );
    // Group commit: the first request's insert, then everything that arrived meanwhile in one more.
    const ours = inserts.filter((event) => event.databaseName === db.databaseName && event.command.insert === 'controls');
    expect(ours.length).toBeLessThanOrEqual(3);
    // The answer carries the queue as placed, so its rank is read without another query.
    expect((placed[29] as { queue: ControlDocument[] }).queue.map((c) => c.seq)).toEqual(received.map((_, n) => n));
  });

  it('answers a retry with its original, however many times it was sent at once, and refuses a second measure of the case', async () => {
    const db = await register('retries');
    const first = new Date(Date.UTC(2026, 11, 4, 9));
    const placed = await Promise.all(
      [0, 0, 0].map((n, i) =>
        receiveControl(REAL_ESTATE_REGISTER, db.collection('assets'), db.collection('controls'), receipt(n, new Date(first.getTime() + i))),
      ),
    );
    expect(new Set(placed.map((p) => p.control._id)).size).toBe(1);
    expect(placed.map((p) => p.control.acknowledgedAt)).toEqual([first, first, first]); // never re-stamped
    const second = {
      ...receipt(0, new Date()),
      request: { ...receipt(0, new Date()).request, idempotencyKey: '浙0102:other', documentNumber: 'doc-other' },
    };
    await expect(receiveControl(REAL_ESTATE_REGISTER, db.collection('assets'), db.collection('controls'), second)).rejects.toMatchObject({
      extensions: { code: 'ALREADY_CONTROLLED' },
    });
    await expect(
      receiveControl(
        REAL_ESTATE_REGISTER,
        db.collection('assets'),
        db.collection('controls'),
        receipt(7, new Date(), '330102199901011230'),
      ),
    ).rejects.toMatchObject({ extensions: { code: 'OWNER_MISMATCH' } });
    expect(await db.collection('controls').countDocuments()).toBe(1);
  });

  it('keeps one queue without gaps or duplicates when two instances of the register place requests on the same asset at once', async () => {
    const db = await register('instances');
    const [assets, controls] = [db.collection<AssetDocument>('assets'), db.collection<ControlDocument>('controls')];
    // Two queues on one collection stand for two processes: each reads the asset's measures for itself.
    const instances = [
      new AssetQueue(REAL_ESTATE_REGISTER, assets, controls, UNIT),
      new AssetQueue(REAL_ESTATE_REGISTER, assets, controls, UNIT),
    ];
    const placed = await Promise.all(Array.from({ length: 40 }, (_, n) => (instances[n % 2] as AssetQueue).place(receipt(n, new Date()))));
    expect(new Set(placed.map((p) => p.control._id)).size).toBe(40);
    const stored = await controls.find().toArray();
    expect(stored.map((c) => c.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(ranked(stored).map(({ rank }) => rank)).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });
});
