import { generateProvince } from '../seed/province';
import { outboxCollections, type MessageDocument } from '../subgraphs/kit/outbox';
import type { ControlDocument } from '../subgraphs/kit/register/model';
import type { MotorVehicleDocument, VehicleAsset } from '../subgraphs/vehicles/model';
import { startHarness, writeCommands, type Harness } from './harness';
import { basisOf, fileCases } from './cases';
import { divisionHeadOf } from './identities';
import { parseCaseNumber } from '../domain/identifiers';

const SEED = { seed: 17, cases: 300 };
const province = generateProvince(SEED.seed, SEED.cases);
const seeded = province.vehicles.controls as ControlDocument[];
/** Cars no court has sealed yet, so the seals this test makes are the whole queue. */
const unsealed = (province.vehicles.assets as VehicleAsset[]).filter(
  (a): a is MotorVehicleDocument => a.category === 'MOTOR_VEHICLE' && !seeded.some((s) => s.assetId === a._id),
);
const car = unsealed[0];
const clean = unsealed[1];
const owner = car.ownerIds[0];
/** Three courts' cases against the owner (filed below): the first seals, the second waits, the third is not yet executed. */
const CASES = ['（2026）浙0102执8801号', '（2026）浙0106执2301号', '（2026）浙01执45号'];
/** Each court's measure is requested by its division head, through the court's notice for its case. */
const headOf = (caseNumber: string) => divisionHeadOf((parseCaseNumber(caseNumber) as { courtCode: string }).courtCode);
const OFFICERS = [
  { name: '李执行', phone: '13900571111' },
  { name: '赵执行', phone: '13900572222' },
  { name: '钱执行', phone: '13900573333' },
];

/** The SMS the vehicles subgraph queued in its own database's outbox (kit/outbox). */
const OUTBOX_COLLECTION = outboxCollections().messages;
const messageIdOf = (message: MessageDocument) => message._id;
const phoneOf = (message: MessageDocument) => message.to;
const textOf = (message: MessageDocument) => message.text;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'vehicle_impound', seed: SEED });
  await fileCases(
    h,
    CASES.map((caseNumber) => ({ caseNumber, respondentIds: [owner] })),
  );
});
afterAll(() => h?.stop());

interface Control {
  id: string;
  caseNumber: string;
  status: string;
  requestState: string;
}
interface Sighting {
  id: string;
  plate: string;
  checkpoint: string;
  sightedAt: string;
  vehicle: { id: string; impound: Impound | null } | null;
  controls: Control[];
  impoundRequired: boolean;
}
interface Impound {
  lot: string;
  since: string;
  sightingId: string;
  controls?: Control[];
}
type Response<T> = Awaited<ReturnType<Harness['query']>> & { data?: T | null };

const SIGHTING =
  'id plate checkpoint sightedAt vehicle { id impound { lot since sightingId } } controls { id caseNumber status requestState } impoundRequired';

const seal = async (i: number) => {
  const requested = await h.query<{ requestVehicleControl: Control }>(
    'mutation($input: ControlRequestInput!) { requestVehicleControl(input: $input) { id caseNumber status requestState } }',
    {
      input: {
        caseNumber: CASES[i],
        partyId: owner,
        assetId: car._id,
        measure: 'SEAL',
        documentNumber: `${CASES[i]}之一`,
        idempotencyKey: `impound-test-seal-${i}`,
        officer: OFFICERS[i],
        basis: await basisOf(h, CASES[i], headOf(CASES[i])),
      },
    },
    { as: headOf(CASES[i]) },
  );
  expect(requested.errors).toBeUndefined();
  return requested.data?.requestVehicleControl as Control;
};
const execute = (id: string) =>
  h.query<{ executeVehicleControl: Control }>(
    'mutation($id: ID!) { executeVehicleControl(id: $id, feedback: "已查封") { id caseNumber status requestState } }',
    { id },
  );
const sight = (plate: string, idempotencyKey: string, checkpoint = '杭州绕城高速转塘收费站') =>
  h.query<{ recordVehicleSighting: Sighting }>(
    `mutation($input: VehicleSightingInput!) { recordVehicleSighting(input: $input) { ${SIGHTING} } }`,
    {
      input: { plate, checkpoint, idempotencyKey },
    },
  ) as Promise<Response<{ recordVehicleSighting: Sighting }>>;
const impound = (sightingId: string, idempotencyKey: string, impoundLot = '杭州市西湖区交警大队停车场') =>
  h.query<{ impoundVehicle: Impound }>(
    'mutation($input: ImpoundVehicleInput!) { impoundVehicle(input: $input) { lot since sightingId controls { id caseNumber status } } }',
    { input: { sightingId, impoundLot, idempotencyKey } },
  );

const vehiclesDb = () => {
  const running = h.subgraphs.get('vehicles');
  if (!running) throw new Error('no vehicles subgraph');
  return running.db;
};
const outbox = () => vehiclesDb().collection<MessageDocument>(OUTBOX_COLLECTION).find({}).toArray();

async function watched<T>(action: () => Promise<T>): Promise<{ response: T; writes: unknown[] }> {
  let response: T | undefined;
  const commands = await h.recordCommands(async () => {
    response = await action();
  });
  return { response: response as T, writes: writeCommands(commands.values()) };
}

describe('a sealed vehicle seen at a checkpoint (云执车)', () => {
  let seals: Control[] = [];
  let sighting: Sighting;

  beforeAll(async () => {
    seals = [await seal(0), await seal(1), await seal(2)];
    for (const control of seals.slice(0, 2)) expect((await execute(control.id)).data?.executeVehicleControl.requestState).toBe('EXECUTED');
  });

  it('is reported with the seals in force, the active one first, and must be impounded', async () => {
    const typed = car.plate.replace('·', ' ').toLowerCase();
    const response = await sight(typed, 'sighting-car-0001');
    expect(response.errors).toBeUndefined();
    sighting = response.data?.recordVehicleSighting as Sighting;
    expect(sighting).toMatchObject({ plate: car.plate, vehicle: { id: car._id, impound: null }, impoundRequired: true });
    // The third seal is not executed yet: not in force, so not listed.
    expect(sighting.controls.map((c) => [c.id, c.status])).toEqual([
      [seals[0].id, 'ACTIVE'],
      [seals[1].id, 'WAITING'],
    ]);
    expect(Date.now() - Date.parse(sighting.sightedAt)).toBeLessThan(60_000);
    const retried = await sight(car.plate, 'sighting-car-0001');
    expect(retried.data?.recordVehicleSighting.id).toBe(sighting.id);
    expect(await vehiclesDb().collection('sightings').countDocuments({ plate: car.plate })).toBe(1);
  });

  it('is impounded, shows the impound, and its officers get one SMS each, even when the impound is retried', async () => {
    const response = await impound(sighting.id, 'impound-car-0001');
    expect(response.errors).toBeUndefined();
    const made = response.data?.impoundVehicle as Impound;
    expect(made).toMatchObject({ lot: '杭州市西湖区交警大队停车场', sightingId: sighting.id });
    expect(made.controls?.map((c) => c.id)).toEqual([seals[0].id, seals[1].id]);

    const seen = await h.query<{ recordVehicleSighting: Sighting }>(
      `mutation { recordVehicleSighting(input: { plate: "${car.plate}", checkpoint: "西湖区文三路", idempotencyKey: "sighting-car-0002" }) { ${SIGHTING} } }`,
    );
    expect(seen.data?.recordVehicleSighting).toMatchObject({
      impoundRequired: false,
      vehicle: { impound: { lot: made.lot, since: made.since, sightingId: sighting.id } },
    });

    const messages = await outbox();
    expect(messages.map(messageIdOf).sort()).toEqual(
      [`impound:${sighting.id}:${seals[0].id}`, `impound:${sighting.id}:${seals[1].id}`].sort(),
    );
    expect(messages.map(phoneOf).sort()).toEqual([OFFICERS[0].phone, OFFICERS[1].phone].sort());
    for (const [i, message] of messages.sort((a, b) => (phoneOf(a) < phoneOf(b) ? -1 : 1)).entries()) {
      expect(textOf(message)).toContain(car.plate);
      expect(textOf(message)).toContain(made.lot);
      expect(textOf(message)).toContain(CASES[i]);
    }

    const retried = await impound(sighting.id, 'impound-car-0001');
    expect(retried.data?.impoundVehicle).toEqual(made);
    expect((await outbox()).length).toBe(2);
  });

  it('refuses a second impound of a vehicle already held, from another sighting', async () => {
    const again = (await sight(car.plate, 'sighting-car-0003')).data?.recordVehicleSighting as Sighting;
    const { response, writes } = await watched(() => impound(again.id, 'impound-car-0002', '余杭区停车场'));
    expect(response.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(writes).toEqual([]);
    expect((await outbox()).length).toBe(2);
  });
});

describe('what the roadside refuses', () => {
  it('reports an unsealed vehicle as not to be impounded, and refuses to impound it', async () => {
    const response = await sight(clean.plate, 'sighting-clean-0001');
    expect(response.data?.recordVehicleSighting).toMatchObject({
      vehicle: { id: clean._id, impound: null },
      controls: [],
      impoundRequired: false,
    });
    const sightingId = response.data?.recordVehicleSighting.id as string;
    const { response: refused, writes } = await watched(() => impound(sightingId, 'impound-clean-0001'));
    expect(refused.errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(writes).toEqual([]);
    expect(await vehiclesDb().collection('impounds').countDocuments({ vehicleId: clean._id })).toBe(0);
  });

  it.each([
    ['a plate of another province', '沪A·12345', 'input.plate'],
    ['a plate with a short serial', '浙A·1234', 'input.plate'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_label, plate, field) => {
    const { response, writes } = await watched(() => sight(plate, 'sighting-bad-0001'));
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.errors?.[0].message).toContain(field);
    expect(writes).toEqual([]);
  });

  it('refuses an empty checkpoint and an impound lot left blank, naming the field', async () => {
    expect((await sight(clean.plate, 'sighting-bad-0002', '  ')).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.checkpoint',
    });
    expect((await impound('SG-0000000000000000', 'impound-bad-0001', ' ')).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.impoundLot',
    });
    expect((await impound('SG-0000000000000000', 'impound-bad-0002')).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});
