import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { vinCheckChar } from '../../domain/identifiers';
import vehicles from './index';
import { CASE, vehicleTestData } from '../../test/worlds/vehicles';
import { noticeFor } from '../../test/cases';
import { divisionHeadOf, TEST_OFFICER } from '../../test/identities';
import { ACCESS_LOG, subjectHash, type AccessEntry } from '../kit/audit/accessLog';
import { accessLogKey } from '../kit/audit/key';

const { data, assets, vehicles: cars, aircraft } = vehicleTestData(7, 400);
let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(vehicles, 'vehicles_lookups', data);
});
afterAll(() => h?.stop());

/** A VIN with its check character put right, so only its absence from the register is tested. */
const withCheck = (vin: string) => `${vin.slice(0, 8)}${vinCheckChar(vin)}${vin.slice(9)}`;
const UNREGISTERED_VIN = withCheck('LSVAU2180N2183294');

/** Every holder in the register: a notice naming them all as respondents leaves only the register's own answer to test. */
const holders = [...new Set(assets.flatMap((asset) => asset.ownerIds))];
/** The court's notice for CASE naming `respondentIds`, as the test officer (who sends every look-up here) gets it. */
const notice = (respondentIds: string[], user = TEST_OFFICER) => noticeFor({ caseNumber: CASE, respondentIds }, user);

type Found = Record<string, { id: string } | null>;
const lookup = (field: string, arg: string, value: string, options: { caseNumber?: string; basis?: string } = {}) =>
  h.query<Found>(`query($v: String!, $c: String!, $b: String!) { ${field}(${arg}: $v, caseNumber: $c, basis: $b) { id } }`, {
    v: value,
    c: options.caseNumber ?? CASE,
    b: options.basis ?? notice(holders),
  });
const logOf = (subjectId: string, operation: string) =>
  h.subgraph.db
    .collection<AccessEntry>(ACCESS_LOG)
    .find({ subjectHash: subjectHash(accessLogKey(), subjectId), operation })
    .toArray();

const car = cars[0];
// A vehicle none of whose owners owns `car`: nobody a notice for car's owners names.
const strangers = cars.find((c) => !c.ownerIds.some((id) => car.ownerIds.includes(id)));
const freePlate = () => {
  const plates = new Set(cars.map((c) => c.plate));
  return ['浙A·00000', '浙A·00001', '浙A·00002'].find((p) => !plates.has(p)) as string;
};

describe('vehicle look-ups', () => {
  it('finds a respondent’s vehicle by its plate however the dot is typed, and by its VIN', async () => {
    const typed = car.plate.replace('·', ' ').toLowerCase();
    const basis = notice(car.ownerIds);
    expect((await lookup('motorVehicleByPlate', 'plate', car.plate, { basis })).data?.motorVehicleByPlate?.id).toBe(car._id);
    expect((await lookup('motorVehicleByPlate', 'plate', typed, { basis })).data?.motorVehicleByPlate?.id).toBe(car._id);
    expect((await lookup('motorVehicleByVin', 'vin', car._id.toLowerCase(), { basis })).data?.motorVehicleByVin?.id).toBe(car._id);
  });

  it('finds a respondent’s aircraft by its registration mark', async () => {
    const plane = aircraft[0];
    expect(
      (await lookup('aircraftByMark', 'mark', plane._id.toLowerCase(), { basis: notice(plane.ownerIds) })).data?.aircraftByMark?.id,
    ).toBe(plane._id);
  });

  it('accepts the case number however its brackets are typed, as long as the notice is for that case', async () => {
    const response = await lookup('motorVehicleByPlate', 'plate', car.plate, {
      caseNumber: CASE.replace('（', '(').replace('）', ')'),
      basis: notice(car.ownerIds),
    });
    expect(response.data?.motorVehicleByPlate?.id).toBe(car._id);
  });

  it('logs a vehicle found, with its respondent owner as the subject', async () => {
    const [owner] = car.ownerIds;
    const before = (await logOf(owner, 'motorVehicleByPlate')).length;
    const response = await lookup('motorVehicleByPlate', 'plate', car.plate, { basis: notice([owner, '11010519491231002X']) });
    expect(response.errors).toBeUndefined();
    const log = await logOf(owner, 'motorVehicleByPlate');
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({
      userId: TEST_OFFICER.userId,
      caseNumber: CASE,
      answeredBy: 'VEHICLES',
      categories: ['MOTOR_VEHICLE'],
      resultCount: 1,
    });
    expect(await logOf('11010519491231002X', 'motorVehicleByPlate')).toHaveLength(0);
  });

  it('answers null for well-formed identifiers nobody registered', async () => {
    const vins = new Set(cars.map((c) => c._id));
    const marks = new Set(aircraft.map((a) => a._id));
    const unusedMark = ['B-0000', 'B-0001', 'B-0002'].find((m) => !marks.has(m)) as string;
    expect((await lookup('motorVehicleByPlate', 'plate', freePlate())).data).toEqual({ motorVehicleByPlate: null });
    expect(vins.has(UNREGISTERED_VIN)).toBe(false);
    expect((await lookup('motorVehicleByVin', 'vin', UNREGISTERED_VIN)).data).toEqual({ motorVehicleByVin: null });
    expect((await lookup('aircraftByMark', 'mark', unusedMark)).data).toEqual({ aircraftByMark: null });
  });

  it('answers null, exactly as for an unknown plate, for a vehicle no respondent of the case owns, and logs nothing of its owner', async () => {
    if (!strangers) throw new Error('the seed registered no vehicle of other owners');
    const basis = notice(car.ownerIds);
    const before = (await logOf(strangers.ownerIds[0], 'motorVehicleByPlate')).length;
    const [other, unknown] = await Promise.all([
      lookup('motorVehicleByPlate', 'plate', strangers.plate, { basis }),
      lookup('motorVehicleByPlate', 'plate', freePlate(), { basis }),
    ]);
    expect(other).toEqual(unknown);
    expect(other).toEqual({ data: { motorVehicleByPlate: null } });
    expect(await lookup('motorVehicleByVin', 'vin', strangers._id, { basis })).toEqual({ data: { motorVehicleByVin: null } });
    expect(await logOf(strangers.ownerIds[0], 'motorVehicleByPlate')).toHaveLength(before);
    // The same plate through a notice naming its owner: the null above was the notice's doing, not the register's.
    expect(
      (await lookup('motorVehicleByPlate', 'plate', strangers.plate, { basis: notice(strangers.ownerIds) })).data?.motorVehicleByPlate?.id,
    ).toBe(strangers._id);
  });

  it.each([
    ['a token that is no notice', () => 'x'],
    ['a notice for another case', () => noticeFor({ caseNumber: '（2026）浙0102执2号', respondentIds: car.ownerIds })],
    ['a notice given to another user', () => notice(car.ownerIds, divisionHeadOf('浙0102'))],
  ])('refuses a look-up with FORBIDDEN for %s, before the register is read', async (_label, basis) => {
    const events: string[] = [];
    const listener = (event: { commandName: string }) => events.push(event.commandName);
    h.subgraph.client.on('commandStarted', listener);
    const response = await lookup('motorVehicleByPlate', 'plate', car.plate, { basis: basis() });
    h.subgraph.client.off('commandStarted', listener);
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?.motorVehicleByPlate ?? null).toBeNull();
    expect(events).toEqual([]);
  });

  it('refuses the officer’s notice sent by someone else with FORBIDDEN, and answers that sender through a notice of its own', async () => {
    const HEAD = divisionHeadOf('浙0102');
    const byMark = (basis: string) =>
      h.query<Found>(
        'query($v: String!, $c: String!, $b: String!) { aircraftByMark(mark: $v, caseNumber: $c, basis: $b) { id } }',
        { v: aircraft[0]._id, c: CASE, b: basis },
        { as: HEAD },
      );
    const refused = await byMark(notice(aircraft[0].ownerIds));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.data?.aircraftByMark ?? null).toBeNull();
    expect((await byMark(notice(aircraft[0].ownerIds, HEAD))).data?.aircraftByMark?.id).toBe(aircraft[0]._id);
  });

  it.each([
    ['motorVehicleByPlate', 'plate', '沪A·12345'],
    ['motorVehicleByPlate', 'plate', '浙A·1234'],
    [
      'motorVehicleByVin',
      'vin',
      `${UNREGISTERED_VIN.slice(0, 8)}${UNREGISTERED_VIN.charAt(8) === '1' ? '2' : '1'}${UNREGISTERED_VIN.slice(9)}`,
    ],
    ['motorVehicleByVin', 'vin', UNREGISTERED_VIN.slice(1)],
    ['aircraftByMark', 'mark', 'B-HSA1'],
    ['aircraftByMark', 'mark', 'N12345'],
  ])('refuses a malformed identifier: %s(%s: %s) is BAD_USER_INPUT naming the argument', async (field, arg, value) => {
    const events: string[] = [];
    const listener = (event: { commandName: string }) => events.push(event.commandName);
    h.subgraph.client.on('commandStarted', listener);
    const response = await lookup(field, arg, value);
    h.subgraph.client.off('commandStarted', listener);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: arg });
    expect(events).toEqual([]);
  });

  it('refuses a look-up whose case number does not parse: BAD_USER_INPUT naming caseNumber', async () => {
    const response = await lookup('motorVehicleByPlate', 'plate', car.plate, { caseNumber: '2026-0102-1' });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
  });

  it('keeps an index on the plate for look-ups by plate', async () => {
    const indexes = await h.subgraph.db.collection('assets').indexes();
    expect(indexes.some((index) => Object.keys(index.key).join() === 'plate')).toBe(true);
  });
});
