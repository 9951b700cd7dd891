import { MongoClient, type Collection, type Db } from 'mongodb';
import { REAL_ESTATE_REGISTER } from '../../realestate/register';
import type { ControlDocument } from './model';
import { receiveControl } from './placement';
import { ranked, standing } from './queue';
import { testMongoUri } from '../../../test/database';
import { registerWithUnit, sealReceipt, UNIT } from '../../../test/registerFixture';
import { acknowledgeControl, disposeAsset, executeControl, lapseExpired, rejectControl, releaseControl, renewControl } from './transitions';

/*
 * The register's side of a measure, on a real database: the queue a unit's seals stand in (轮候), the
 * agency's answers to each, and how the queue moves when the first one ends.
 */
const T0 = new Date(Date.UTC(2026, 11, 4, 9));
const receipt = (n: number, receivedAt = new Date(T0.getTime() + n)) => sealReceipt(n, receivedAt);

let client: MongoClient;
beforeAll(async () => {
  client = await MongoClient.connect(testMongoUri());
});
afterAll(() => client.close());

/** A fresh register holding one unit, with `count` seals received in order and each executed by the registry. */
async function sealed(name: string, count: number): Promise<{ db: Db; controls: Collection<ControlDocument>; ids: string[] }> {
  const db = await registerWithUnit(client, `transitions_${name}`);
  const controls = db.collection<ControlDocument>('controls');
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const { control } = await receiveControl(REAL_ESTATE_REGISTER, db.collection('assets'), controls, receipt(n));
    await executeControl(controls, control._id, '已查封', null, new Date(T0.getTime() + 1000 + n));
    ids.push(control._id);
  }
  return { db, controls, ids };
}

const queueOf = async (controls: Collection<ControlDocument>) =>
  ranked(await controls.find({ assetId: UNIT, state: 'IN_QUEUE' }).toArray());

describe('a measure in the register', () => {
  it('goes RECEIVED → ACKNOWLEDGED → EXECUTED, the first executed one ACTIVE with its period, the others WAITING without one', async () => {
    const { controls } = await sealed('lifecycle', 0);
    const { control } = await receiveControl(REAL_ESTATE_REGISTER, controls.db.collection('assets'), controls, receipt(0));
    expect(control).toMatchObject({ requestState: 'RECEIVED', status: 'PENDING', rank: 0 });
    expect(await acknowledgeControl(controls, control._id, T0)).toMatchObject({ requestState: 'ACKNOWLEDGED', handledAt: T0 });
    const executed = await executeControl(controls, control._id, '已查封', null, T0);
    expect(executed).toMatchObject({ requestState: 'EXECUTED', status: 'ACTIVE', rank: 0, activatedAt: T0 });
    expect(executed.expiresAt?.toISOString()).toBe('2029-12-04T09:00:00.000Z'); // three years for real estate
    const { control: second } = await receiveControl(REAL_ESTATE_REGISTER, controls.db.collection('assets'), controls, receipt(1));
    const waiting = await executeControl(controls, second._id, '已轮候查封', null, T0);
    expect(waiting).toMatchObject({ status: 'WAITING', rank: 1, expiresAt: null });
  });

  it('refuses a transition from the wrong state with INVALID_TRANSITION, naming the state, and changes nothing', async () => {
    const { controls, ids } = await sealed('refusals', 1);
    const before = await controls.findOne({ _id: ids[0] });
    await expect(acknowledgeControl(controls, ids[0] as string, T0)).rejects.toMatchObject({
      extensions: { code: 'INVALID_TRANSITION', state: 'EXECUTED' },
    });
    await expect(rejectControl(controls, ids[0] as string, 'DOCUMENT_DEFECT', '文书有误', T0)).rejects.toMatchObject({
      extensions: { code: 'INVALID_TRANSITION' },
    });
    expect(await controls.findOne({ _id: ids[0] })).toEqual(before);
  });

  it('hands the unit to the next in the queue when the active one is released, whose period then starts', async () => {
    const { controls, ids } = await sealed('release', 3);
    const released = new Date(Date.UTC(2027, 0, 1));
    expect(await releaseControl(controls, ids[0] as string, '解封文书', released)).toMatchObject({
      state: 'RELEASED',
      status: 'RELEASED',
      releasedAt: released,
    });
    const queue = await queueOf(controls);
    expect(queue.map(({ control, rank, status }) => [control._id, rank, status])).toEqual([
      [ids[1], 0, 'ACTIVE'],
      [ids[2], 1, 'WAITING'],
    ]);
    const promoted = await controls.findOne({ _id: ids[1] });
    expect(promoted).toMatchObject({ rank: 0, status: 'ACTIVE', activatedAt: released });
    expect(promoted?.expiresAt?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    // The case that released may seal the unit again: its claim on the unit ended with the measure.
    const again = await receiveControl(REAL_ESTATE_REGISTER, controls.db.collection('assets'), controls, {
      ...receipt(0, released),
      request: { ...receipt(0).request, idempotencyKey: '浙0102:again', documentNumber: 'doc-again' },
    });
    expect(again.control.rank).toBe(2);
  });

  it('lapses an active measure whose period ended unrenewed, and the next moves up; a renewed one keeps its place', async () => {
    const { controls, ids } = await sealed('lapse', 2);
    const first = (await controls.findOne({ _id: ids[0] })) as ControlDocument;
    const renewedOn = new Date((first.expiresAt as Date).getTime() - 86_400_000);
    const renewed = await renewControl(controls, first._id, '续封文书', renewedOn);
    expect(renewed.expiresAt?.toISOString()).toBe('2032-12-04T09:00:01.000Z');
    expect(await lapseExpired(controls, new Date(Date.UTC(2030, 0, 1)))).toBe(0);
    const after = new Date((renewed.expiresAt as Date).getTime() + 1);
    expect(await lapseExpired(controls, after)).toBe(1);
    expect(await controls.findOne({ _id: ids[0] })).toMatchObject({ state: 'LAPSED', status: 'LAPSED' });
    expect(
      standing(
        (await controls.findOne({ _id: ids[1] })) as ControlDocument,
        (await queueOf(controls)).map((entry) => entry.control),
      ),
    ).toEqual({ rank: 0, status: 'ACTIVE' });
  });

  it('ends the measures of a sold unit: the selling measure DISPOSED, the waiting ones LAPSED', async () => {
    const { controls, ids } = await sealed('dispose', 3);
    await disposeAsset(controls, UNIT, T0, { soldBy: ids[0] as string, ended: ids });
    expect((await controls.find({ assetId: UNIT }).sort({ seq: 1 }).toArray()).map((c) => c.state)).toEqual([
      'DISPOSED',
      'LAPSED',
      'LAPSED',
    ]);
    expect(await queueOf(controls)).toEqual([]);
  });
});
