import { generateProvince } from '../seed/province';
import type { ControlDocument } from '../subgraphs/kit/register/model';
import type { FishingLicenceDocument, VesselAsset } from '../subgraphs/vessels/model';
import { startHarness, writeCommands, type Harness } from './harness';
import { divisionHeadOf } from './identities';
import { basisOf, fileCases } from './cases';

const SEED = { seed: 11, cases: 500 };
const province = generateProvince(SEED.seed, SEED.cases);
const assets = province.vessels.assets as VesselAsset[];
const seeded = province.vessels.controls as ControlDocument[];

/**
 * Vessels no court controls yet, so a new measure is the active one, each with a case of the test officer's
 * against its owner (filed below): the officer's legal basis for the measure.
 */
function freeVessels<C extends VesselAsset['category']>(category: C, firstSequence: number) {
  return assets
    .filter(
      (asset): asset is Extract<VesselAsset, { category: C }> =>
        asset.category === category && !seeded.some((s) => s.assetId === asset._id),
    )
    .slice(0, 400)
    .map((vessel, i) => ({ vessel, partyId: vessel.ownerIds[0], caseNumber: `（2026）浙0102执${firstSequence + i}号` }));
}

const fishing = freeVessels('FISHING_VESSEL', 8000);
const merchant = freeVessels('MERCHANT_VESSEL', 8500);
const licence = assets.find((a): a is FishingLicenceDocument => a.category === 'FISHING_LICENCE') as FishingLicenceDocument;
const LICENCE_CASE = '（2026）浙0102执8999号';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'vessel_detention', seed: SEED });
  await fileCases(h, [
    ...[...fishing, ...merchant].map((target) => ({ caseNumber: target.caseNumber, respondentIds: [target.partyId] })),
    { caseNumber: LICENCE_CASE, respondentIds: licence.ownerIds },
  ]);
});
afterAll(() => h?.stop());

const POSITION = 'lastKnownPosition { latitude longitude speedKnots reportedAt nearestPort }';
const DETENTION = 'detention { controlId port latitude longitude since recordedAt }';
const CONTROL = `id measure status requestState secondsToExecution courtCode
  asset { id ... on FishingVessel { hullName ${POSITION} ${DETENTION} } ... on MerchantVessel { name ${POSITION} ${DETENTION} } }`;

interface Position {
  latitude: number;
  longitude: number;
  speedKnots: number;
  reportedAt: string;
  nearestPort: string;
}
interface Detention {
  controlId: string;
  port: string;
  latitude: number;
  longitude: number;
  since: string;
  recordedAt: string;
}
interface Control {
  id: string;
  courtCode: string;
  measure: string;
  status: string;
  requestState: string;
  secondsToExecution: number | null;
  asset: { id: string; lastKnownPosition: Position; detention: Detention | null };
}
type Errors = { extensions?: Record<string, unknown> }[] | undefined;

let keys = 0;
const request = async (ref: { caseNumber: string; partyId: string }, assetId: string, measure: string) =>
  h.query<{ requestVesselControl: Control }>(
    `mutation($input: ControlRequestInput!) { requestVesselControl(input: $input) { ${CONTROL} } }`,
    {
      input: {
        caseNumber: ref.caseNumber,
        partyId: ref.partyId,
        assetId,
        measure,
        documentNumber: `${ref.caseNumber}之二`,
        idempotencyKey: `detain-test-${++keys}-${assetId}`,
        officer: { name: '王执行', phone: '13800571234' },
        basis: await basisOf(h, ref.caseNumber),
      },
    },
  );
const acknowledge = (id: string) =>
  h.query<{ acknowledgeVesselControl: Control }>(`mutation($id: ID!) { acknowledgeVesselControl(id: $id) { ${CONTROL} } }`, { id });
const execute = (id: string) =>
  h.query<{ executeVesselControl: Control }>(
    `mutation($id: ID!) { executeVesselControl(id: $id, feedback: "已扣押 detained") { ${CONTROL} } }`,
    { id },
  );
const recordDetention = (controlId: string, port: string, latitude: number, longitude: number) =>
  h.query<{ recordVesselDetention: Control }>(
    `mutation($c: ID!, $p: String!, $lat: Float!, $lon: Float!) { recordVesselDetention(controlId: $c, port: $p, latitude: $lat, longitude: $lon) { ${CONTROL} } }`,
    { c: controlId, p: port, lat: latitude, lon: longitude },
  );
const toLocate = async () =>
  (
    await h.query<{
      vesselsToLocate: {
        control: { id: string };
        vessel: { id: string };
        vesselName: string;
        mmsi: string;
        lastKnownPosition: Position;
        secondsWaiting: number;
      }[];
    }>(`{ vesselsToLocate(first: 500) { control { id } vessel { id } vesselName mmsi ${POSITION} secondsWaiting } }`)
  ).data?.vesselsToLocate ?? [];
const positionOf = (vessel: { lastKnownPosition: { reportedAt: Date } & Omit<Position, 'reportedAt'> }) => ({
  ...vessel.lastKnownPosition,
  reportedAt: vessel.lastKnownPosition.reportedAt.toISOString(),
});

/** Runs `action` and returns its response with every write the subgraphs made meanwhile. */
async function watched<T>(action: () => Promise<T>): Promise<{ response: T; writes: unknown[] }> {
  let response: T | undefined;
  const commands = await h.recordCommands(async () => {
    response = await action();
  });
  return { response: response as T, writes: writeCommands(commands.values()) };
}

describe.each([
  ['a fishing vessel (渔政)', fishing[0], '沈家门渔港', 'hullName' as const],
  ['a merchant vessel (海事)', merchant[0], '宁波港北仑锚地', 'name' as const],
])('detaining %s', (_label, target, port, nameField) => {
  const vessel = target.vessel;
  const vesselName = nameField === 'hullName' && 'hullName' in vessel ? vessel.hullName : 'name' in vessel ? vessel.name : '';

  it('goes request → position shown → acknowledge → execute within a minute → place of detention recorded', async () => {
    const requested = await request(target, vessel._id, 'DETAIN');
    expect(requested.errors).toBeUndefined();
    const control = requested.data?.requestVesselControl as Control;
    expect(control).toMatchObject({ measure: 'DETAIN', status: 'PENDING', requestState: 'RECEIVED', secondsToExecution: null });
    // The court sees where the vessel last reported, to judge where it can be stopped.
    expect(control.asset.lastKnownPosition).toEqual(positionOf(vessel));
    expect(control.asset.detention).toBeNull();

    const listed = (await toLocate()).find((entry) => entry.control.id === control.id);
    expect(listed).toMatchObject({ vessel: { id: vessel._id }, vesselName, mmsi: vessel.mmsi, lastKnownPosition: positionOf(vessel) });
    expect(listed?.secondsWaiting).toBeLessThan(60);

    expect((await acknowledge(control.id)).data?.acknowledgeVesselControl.requestState).toBe('ACKNOWLEDGED');
    const executed = (await execute(control.id)).data?.executeVesselControl as Control;
    expect(executed).toMatchObject({ requestState: 'EXECUTED', status: 'ACTIVE' });
    expect(executed.secondsToExecution).toBeGreaterThanOrEqual(0);
    expect(executed.secondsToExecution).toBeLessThan(60);
    expect((await toLocate()).some((entry) => entry.control.id === control.id)).toBe(false);

    const recorded = await recordDetention(control.id, port, 29.93, 121.87);
    expect(recorded.errors).toBeUndefined();
    const detention = recorded.data?.recordVesselDetention.asset.detention as Detention;
    expect(detention).toMatchObject({ controlId: control.id, port, latitude: 29.93, longitude: 121.87 });
    expect(Date.now() - Date.parse(detention.since)).toBeLessThan(60_000);

    // Moved to another berth: the place changes, the detention keeps its start.
    const moved = (await recordDetention(control.id, `${port}二号泊位`, 29.94, 121.88)).data?.recordVesselDetention.asset.detention;
    expect(moved).toMatchObject({ controlId: control.id, port: `${port}二号泊位`, latitude: 29.94, since: detention.since });

    const stored = await h.subgraphs.get('vessels')?.db.collection<VesselAsset>('assets').findOne({ _id: vessel._id });
    expect(stored && 'detention' in stored ? stored.detention?.controlId : null).toBe(control.id);
  });
});

describe('what a detention refuses', () => {
  it('refuses to detain a fishing licence, naming the measure, and writes nothing', async () => {
    const ref = { caseNumber: LICENCE_CASE, partyId: licence.ownerIds[0] };
    const { response, writes } = await watched(() => request(ref, licence._id, 'DETAIN'));
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'measure' });
    expect(writes).toEqual([]);
  });

  it('refuses to record a detention under a request not yet executed, and writes nothing', async () => {
    const target = fishing[1];
    const control = (await request(target, target.vessel._id, 'DETAIN')).data?.requestVesselControl as Control;
    const { response, writes } = await watched(() => recordDetention(control.id, '岱山', 30.25, 122.2));
    expect((response.errors as Errors)?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(writes).toEqual([]);
    expect((await toLocate()).some((entry) => entry.control.id === control.id)).toBe(true);
    const stored = await h.subgraphs.get('vessels')?.db.collection<VesselAsset>('assets').findOne({ _id: target.vessel._id });
    expect(stored && 'detention' in stored ? stored.detention : undefined).toBeUndefined();
  });

  it('refuses to record a detention under a seal, or with a place off the globe', async () => {
    const target = fishing[2];
    const seal = (await request(target, target.vessel._id, 'SEAL')).data?.requestVesselControl as Control;
    await execute(seal.id);
    const underSeal = await watched(() => recordDetention(seal.id, '舟山', 30, 122.1));
    expect((underSeal.response.errors as Errors)?.[0].extensions?.code).toBe('INVALID_TRANSITION');
    expect(underSeal.writes).toEqual([]);
    const offGlobe = await watched(() => recordDetention(seal.id, '舟山', 91, 122.1));
    expect((offGlobe.response.errors as Errors)?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'latitude' });
    expect(offGlobe.writes).toEqual([]);
    expect((await recordDetention('VS-0000000000000000', '舟山', 30, 122.1)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('stops showing the detention once the court releases the measure', async () => {
    const target = fishing[3];
    const control = (await request(target, target.vessel._id, 'DETAIN')).data?.requestVesselControl as Control;
    await execute(control.id);
    expect((await recordDetention(control.id, '石浦', 29.2, 121.95)).data?.recordVesselDetention.asset.detention?.port).toBe('石浦');
    // A division head of the court that ordered the measure, through its notice for the case: only that court may lift it.
    const head = divisionHeadOf(control.courtCode);
    const released = await h.query<{ releaseVesselControl: Control }>(
      `mutation($id: ID!, $basis: String!) { releaseVesselControl(id: $id, documentNumber: "解除扣押裁定", basis: $basis) { ${CONTROL} } }`,
      { id: control.id, basis: await basisOf(h, target.caseNumber, head) },
      { as: head },
    );
    expect(released.data?.releaseVesselControl).toMatchObject({ status: 'RELEASED', asset: { detention: null } });
    expect((await recordDetention(control.id, '石浦', 29.2, 121.95)).errors?.[0].extensions?.code).toBe('INVALID_TRANSITION');
  });
});
