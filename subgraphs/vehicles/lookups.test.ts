import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { vinCheckChar } from '../../domain/identifiers';
import vehicles from './index';
import { CASE, vehicleTestData } from '../../test/worlds/vehicles';
import { noticeFor } from '../../test/cases';

const { data, vehicles: cars, aircraft } = vehicleTestData(7, 400);
let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(vehicles, 'vehicles_lookups', data);
});
afterAll(() => h?.stop());

/** A VIN with its check character put right, so only its absence from the register is tested. */
const withCheck = (vin: string) => `${vin.slice(0, 8)}${vinCheckChar(vin)}${vin.slice(9)}`;
const UNREGISTERED_VIN = withCheck('LSVAU2180N2183294');

type Found = Record<string, { id: string } | null>;
/** The court's notice for CASE naming every holder in the register as a respondent, so only the look-up itself is tested here. */
const holders = [...new Set((data.assets as { ownerIds: string[] }[]).flatMap((asset) => asset.ownerIds))];
const lookup = (field: string, arg: string, value: string, caseNumber = CASE) =>
  h.query<Found>(`query($v: String!, $c: String!, $b: String!) { ${field}(${arg}: $v, caseNumber: $c, basis: $b) { id } }`, {
    v: value, c: caseNumber, b: noticeFor({ caseNumber: CASE, respondentIds: holders }),
  });

describe('vehicle look-ups', () => {
  it('finds a vehicle by its plate however the dot is typed, and by its VIN', async () => {
    const car = cars[0];
    const typed = car.plate.replace('·', ' ').toLowerCase();
    expect((await lookup('motorVehicleByPlate', 'plate', car.plate)).data?.motorVehicleByPlate?.id).toBe(car._id);
    expect((await lookup('motorVehicleByPlate', 'plate', typed)).data?.motorVehicleByPlate?.id).toBe(car._id);
    expect((await lookup('motorVehicleByVin', 'vin', car._id.toLowerCase())).data?.motorVehicleByVin?.id).toBe(car._id);
  });

  it('finds an aircraft by its registration mark', async () => {
    const plane = aircraft[0];
    expect((await lookup('aircraftByMark', 'mark', plane._id.toLowerCase())).data?.aircraftByMark?.id).toBe(plane._id);
  });

  it('answers null for well-formed identifiers nobody registered', async () => {
    const plates = new Set(cars.map((c) => c.plate));
    const free = ['浙A·00000', '浙A·00001', '浙A·00002'].find((p) => !plates.has(p)) as string;
    const vins = new Set(cars.map((c) => c._id));
    const marks = new Set(aircraft.map((a) => a._id));
    const unusedMark = ['B-0000', 'B-0001', 'B-0002'].find((m) => !marks.has(m)) as string;
    expect((await lookup('motorVehicleByPlate', 'plate', free)).data).toEqual({ motorVehicleByPlate: null });
    expect(vins.has(UNREGISTERED_VIN)).toBe(false);
    expect((await lookup('motorVehicleByVin', 'vin', UNREGISTERED_VIN)).data).toEqual({ motorVehicleByVin: null });
    expect((await lookup('aircraftByMark', 'mark', unusedMark)).data).toEqual({ aircraftByMark: null });
  });

  it.each([
    ['motorVehicleByPlate', 'plate', '沪A·12345'],
    ['motorVehicleByPlate', 'plate', '浙A·1234'],
    ['motorVehicleByVin', 'vin', `${UNREGISTERED_VIN.slice(0, 8)}${UNREGISTERED_VIN.charAt(8) === '1' ? '2' : '1'}${UNREGISTERED_VIN.slice(9)}`],
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

  it('refuses a look-up whose legal basis is not a case number', async () => {
    const response = await lookup('motorVehicleByPlate', 'plate', cars[0].plate, '2026-0102-1');
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
  });

  it('keeps an index on the plate for look-ups by plate', async () => {
    const indexes = await h.subgraph.db.collection('assets').indexes();
    expect(indexes.some((index) => Object.keys(index.key).join() === 'plate')).toBe(true);
  });
});
