import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { checkAircraftMark, checkPlate, checkVin } from '../../domain/identifiers';
import vehicles from './index';
import type { VehicleAsset } from './model';
import { CASE, vehicleTestData } from '../../test/worlds/vehicles';
import { noticeFor } from '../../test/cases';
import { divisionHeadOf } from '../../test/identities';

const { world, data, assets, vehicles: cars, aircraft, controls } = vehicleTestData(7, 400);
let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(vehicles, 'vehicles_findings', data);
});
afterAll(() => h?.stop());

interface Entry {
  category: string;
  count: number;
  totalEstimatedValue: number;
  controllableValue: number;
  assets: ({ id: string } & Record<string, unknown>)[];
}
type Findings = { vehicleFindings: { agency: string; categories: Entry[] } };

const findingsOf = async (partyId: string, args = '') =>
  (
    await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId }],
      `vehicleFindings${args} { agency categories { category count totalEstimatedValue controllableValue assets {
    id ... on MotorVehicle { plate vehicleType make model colour registrationCertificateNumber firstRegisteredOn newEnergy pledge { pledgee amount registeredOn } }
    ... on Aircraft { manufacturer model serialNumber operator maxTakeoffWeight baseAirport } } } }`,
    )
  )[0].vehicleFindings;

const owned = (partyId: string, category: string) => assets.filter((a) => a.category === category && a.ownerIds.includes(partyId));
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('vehicle findings', () => {
  it('answers motor vehicles and aircraft, in order, with counts, values and fields matching the register', async () => {
    const pledged = cars.find((c) => c.pledge !== null);
    if (!pledged) throw new Error('the seed pledged no vehicle');
    const owner = pledged.ownerIds[0];
    const findings = await findingsOf(owner);
    expect(findings.agency).toBe('VEHICLES');
    expect(findings.categories.map((c) => c.category)).toEqual(['MOTOR_VEHICLE', 'AIRCRAFT']);
    const own = owned(owner, 'MOTOR_VEHICLE');
    const entry = findings.categories[0];
    expect(entry.count).toBe(own.length);
    expect(entry.totalEstimatedValue).toBe(own.reduce((sum, a) => sum + (a.estimatedValue ?? 0), 0));
    expect(entry.controllableValue).toBe(own.reduce((sum, a) => sum + Math.max(0, (a.estimatedValue ?? 0) - a.securedClaims), 0));
    expect(entry.assets.map((a) => a.id).sort()).toEqual(own.map((a) => a._id).sort());
    expect(entry.assets.find((a) => a.id === pledged._id)).toEqual({
      id: pledged._id,
      plate: pledged.plate,
      vehicleType: pledged.vehicleType,
      make: pledged.make,
      model: pledged.model,
      colour: pledged.colour,
      registrationCertificateNumber: pledged.registrationCertificateNumber,
      firstRegisteredOn: day(pledged.firstRegisteredOn),
      newEnergy: pledged.newEnergy,
      pledge: pledged.pledge && {
        pledgee: pledged.pledge.pledgee,
        amount: pledged.pledge.amount,
        registeredOn: day(pledged.pledge.registeredOn),
      },
    });
  });

  it('answers an aircraft with its register fields', async () => {
    const plane = aircraft[0];
    const entry = (await findingsOf(plane.ownerIds[0])).categories[1];
    expect(entry.count).toBe(owned(plane.ownerIds[0], 'AIRCRAFT').length);
    expect(entry.totalEstimatedValue).toBe(owned(plane.ownerIds[0], 'AIRCRAFT').reduce((sum, a) => sum + (a.estimatedValue ?? 0), 0));
    expect(entry.assets.find((a) => a.id === plane._id)).toEqual({
      id: plane._id,
      manufacturer: plane.manufacturer,
      model: plane.model,
      serialNumber: plane.serialNumber,
      operator: plane.operator,
      maxTakeoffWeight: plane.maxTakeoffWeight,
      baseAirport: plane.baseAirport,
    });
  });

  it('answers only the categories asked for, and nothing for categories of other agencies', async () => {
    const owner = aircraft[0].ownerIds[0];
    expect((await findingsOf(owner, '(categories: [AIRCRAFT, REAL_ESTATE])')).categories.map((c) => c.category)).toEqual(['AIRCRAFT']);
    expect((await findingsOf(owner, '(categories: [BANK_DEPOSIT])')).categories).toEqual([]);
  });

  it('gives an empty list per category, not an error, for a party with nothing registered', async () => {
    const findings = await findingsOf('11010519491231002X');
    expect(findings.categories.every((c) => c.count === 0 && c.assets.length === 0 && c.totalEstimatedValue === 0)).toBe(true);
  });
});

describe('vehicle controls', () => {
  it('ranks the measures in force on each asset 0..n, the active seal first', async () => {
    // The lapse timer runs beside the subgraph, as in service: a seal whose period has ended is no longer in force.
    const inForce = controls.filter((c) => c.state === 'IN_QUEUE' && !(c.expiresAt && c.expiresAt.getTime() <= Date.now()));
    const sealed = [...new Set(inForce.map((c) => c.assetId))];
    expect(sealed.length).toBeGreaterThan(0);
    const representations = sealed.map((id) => ({
      __typename: assets.find((a) => a._id === id)?.category === 'AIRCRAFT' ? 'Aircraft' : 'MotorVehicle',
      id,
    }));
    const response = await h.query<{
      _entities: { id: string; controls: { id: string; rank: number; status: string; measure: string }[] }[];
    }>('query($r: [_Any!]!) { _entities(representations: $r) { ... on Asset { id controls { id rank status measure } } } }', {
      r: representations,
    });
    expect(response.errors).toBeUndefined();
    for (const asset of response.data?._entities ?? []) {
      expect(asset.controls.map((c) => c.rank)).toEqual(asset.controls.map((_, i) => i));
      expect(asset.controls.map((c) => c.status)).toEqual(asset.controls.map((_, i) => (i === 0 ? 'ACTIVE' : 'WAITING')));
      expect(asset.controls.every((c) => c.measure === 'SEAL')).toBe(true);
      expect(asset.controls.map((c) => c.id).sort()).toEqual(
        inForce
          .filter((c) => c.assetId === asset.id)
          .map((c) => c._id)
          .sort(),
      );
    }
  });

  const CONTROLS =
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on EnforcementCase { vehicleControls { id courtCode expiresAt } } } }';
  const respondentsOf = (caseNumber: string) => world.cases.find((c) => c._id === caseNumber)?.respondentIds ?? [];
  const caseNumber = controls[0].caseNumber;

  it('lists the measures of a case on EnforcementCase, through the court’s notice for it', async () => {
    const response = await h.query<{ _entities: { vehicleControls: { id: string; courtCode: string; expiresAt: string | null }[] }[] }>(
      CONTROLS,
      {
        r: [{ __typename: 'EnforcementCase', caseNumber, basis: noticeFor({ caseNumber, respondentIds: respondentsOf(caseNumber) }) }],
      },
    );
    expect(response.errors).toBeUndefined();
    const expected = controls.filter((c) => c.caseNumber === caseNumber);
    expect(response.data?._entities[0].vehicleControls.map((c) => c.id).sort()).toEqual(expected.map((c) => c._id).sort());
  });

  it.each([
    ['no notice', () => undefined],
    ['a token that is no notice', () => 'x'],
    ['a notice for another case', () => noticeFor({ caseNumber: '（2026）浙0102执99999号', respondentIds: respondentsOf(caseNumber) })],
    ['a notice for another user', () => noticeFor({ caseNumber, respondentIds: respondentsOf(caseNumber) }, divisionHeadOf('浙0102'))],
  ])('refuses a case’s measures on EnforcementCase with FORBIDDEN for %s', async (_label, basis) => {
    const response = await h.query<{ _entities: { vehicleControls: unknown }[] }>(CONTROLS, {
      r: [{ __typename: 'EnforcementCase', caseNumber, basis: basis() }],
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?._entities[0]?.vehicleControls ?? null).toBeNull();
  });
});

describe('vehicle seed', () => {
  const openRespondents = new Set(world.cases.filter((c) => c.status === 'OPEN').flatMap((c) => c.respondentIds));
  const held = (category: VehicleAsset['category']) =>
    assets.some((a) => a.category === category && a.ownerIds.some((id) => openRespondents.has(id)));

  it.each([7, 21, 99])('gives some respondent of an open case every category (seed %i, 300 cases)', (seed) => {
    const small = vehicleTestData(seed, 300);
    const open = new Set(small.world.cases.filter((c) => c.status === 'OPEN').flatMap((c) => c.respondentIds));
    for (const category of ['MOTOR_VEHICLE', 'AIRCRAFT'] as const) {
      expect(small.assets.some((a) => a.category === category && a.ownerIds.some((id) => open.has(id)))).toBe(true);
    }
    expect(small.aircraft.length).toBeLessThanOrEqual(3);
  });

  it('covers every category here too, with identifiers that pass the kit checks and are unique', () => {
    expect(held('MOTOR_VEHICLE') && held('AIRCRAFT')).toBe(true);
    expect(cars.filter((c) => checkVin(c._id) !== null || checkPlate(c.plate) !== null)).toEqual([]);
    expect(cars.every((c) => /^\d{12}$/.test(c.registrationCertificateNumber))).toBe(true);
    expect(cars.every((c) => c.newEnergy === /·[DF]\d{5}$/.test(c.plate))).toBe(true);
    expect(aircraft.filter((a) => checkAircraftMark(a._id) !== null)).toEqual([]);
    for (const key of [
      (c: (typeof cars)[number]) => c._id,
      (c: (typeof cars)[number]) => c.plate,
      (c: (typeof cars)[number]) => c.registrationCertificateNumber,
    ]) {
      expect(new Set(cars.map(key)).size).toBe(cars.length);
    }
  });

  it('ranks pledges ahead of the court and plates by the owner’s home city', () => {
    for (const car of cars) {
      expect(car.securedClaims).toBe(car.pledge?.amount ?? 0);
      expect(car.plate.charAt(1)).toBe(world.partyById.get(car.ownerIds[0])?.home.plateLetter);
    }
    const share = cars.filter((c) => c.pledge).length / cars.length;
    expect(share).toBeGreaterThan(0.04);
    expect(share).toBeLessThan(0.2);
  });
});
