import { generateCourt } from '../../seed/agencies/court';
import { generateVessels } from '../../seed/agencies/vessels';
import { DEFAULT_AS_OF } from '../../seed/province';
import type { World } from '../../seed/world';
import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import {
  checkFishingHullName, checkFishingLicenceNumber, checkFishingRegistryNumber, checkImo, checkMmsi, checkShipId, createRandom,
} from '../../domain/identifiers';
import type { ControlDocument } from '../kit/register/model';
import type { AssetCategory } from '../../domain/assets';
import type { FishingLicenceDocument, FishingVesselDocument, MerchantVesselDocument, VesselAsset } from './model';
import vessels from './index';
import { noticeFor } from '../../test/cases';

const court = generateCourt(createRandom('7:court'), 400, DEFAULT_AS_OF);
const world: World = { asOf: DEFAULT_AS_OF, parties: court.parties, partyById: new Map(court.parties.map((p) => [p.id, p])), cases: court.cases };
const data = generateVessels(world, createRandom('7:vessels'));
const assets = data.assets as VesselAsset[];
const controls = data.controls as ControlDocument[];
const CATEGORIES: AssetCategory[] = ['MERCHANT_VESSEL', 'FISHING_VESSEL', 'FISHING_LICENCE'];
const CASE = '（2026）浙0902执1号';
const first = <C extends VesselAsset['category']>(category: C) => assets.find((a) => a.category === category) as Extract<VesselAsset, { category: C }>;
const ship = first('MERCHANT_VESSEL');
const boat = first('FISHING_VESSEL');

let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(vessels, 'vessels_unit', data);
});
afterAll(() => h?.stop());

interface Entry { category: string; count: number; totalEstimatedValue: number; assets: Record<string, unknown>[] }
const ASSET_FIELDS = `id
  ... on MerchantVessel { imo mmsi name portOfRegistry grossTonnage vesselType builtYear mortgages { mortgagee amount registeredOn } lastKnownPosition { latitude longitude speedKnots reportedAt nearestPort } }
  ... on FishingVessel { hullName mmsi homePort lengthMetres enginePowerKw builtYear licences { id } lastKnownPosition { nearestPort } }
  ... on FishingLicence { vesselId vessel { hullName } fishingType issuedOn validUntil }`;

const findingsOf = async (partyId: string, filter = '') =>
  (await h.caseParties<{ vesselFindings: { agency: string; categories: Entry[] } }>([{ caseNumber: CASE, partyId }], `vesselFindings${filter} { agency categories { category count totalEstimatedValue assets { ${ASSET_FIELDS} } } }`))[0].vesselFindings;

describe('vessel findings', () => {
  it.each(CATEGORIES)('answers all three categories for a holder of %s, matching the register', async (category) => {
    const owner = assets.find((a) => a.category === category)?.ownerIds[0] as string;
    const findings = await findingsOf(owner);
    expect(findings.agency).toBe('VESSELS');
    expect(findings.categories.map((c) => c.category)).toEqual(CATEGORIES);
    for (const entry of findings.categories) {
      const own = assets.filter((a) => a.ownerIds.includes(owner) && a.category === entry.category);
      expect(entry.count).toBe(own.length);
      expect(entry.totalEstimatedValue).toBe(own.reduce((sum, a) => sum + (a.estimatedValue ?? 0), 0));
      expect(entry.assets.map((a) => a.id).sort()).toEqual(own.map((a) => a._id).sort());
    }
  });

  it('gives the category fields of each kind of asset', async () => {
    const merchant = (await findingsOf(ship.ownerIds[0], '(categories: [MERCHANT_VESSEL])')).categories[0].assets.find((a) => a.id === ship._id);
    expect(merchant).toEqual({
      id: ship._id, imo: ship.imo, mmsi: ship.mmsi, name: ship.name, portOfRegistry: ship.portOfRegistry, grossTonnage: ship.grossTonnage,
      vesselType: ship.vesselType, builtYear: ship.builtYear,
      mortgages: ship.mortgages.map((m) => ({ mortgagee: m.mortgagee, amount: m.amount, registeredOn: m.registeredOn.toISOString().slice(0, 10) })),
      lastKnownPosition: { ...ship.lastKnownPosition, reportedAt: ship.lastKnownPosition.reportedAt.toISOString() },
    });
    const fishing = await findingsOf(boat.ownerIds[0], '(categories: [FISHING_VESSEL, FISHING_LICENCE])');
    const licence = assets.find((a): a is FishingLicenceDocument => a.category === 'FISHING_LICENCE' && a.vesselId === boat._id) as FishingLicenceDocument;
    expect(fishing.categories[0].assets.find((a) => a.id === boat._id)).toEqual({
      id: boat._id, hullName: boat.hullName, mmsi: boat.mmsi, homePort: boat.homePort, lengthMetres: boat.lengthMetres,
      enginePowerKw: boat.enginePowerKw, builtYear: boat.builtYear, licences: [{ id: licence._id }], lastKnownPosition: { nearestPort: boat.lastKnownPosition.nearestPort },
    });
    expect(fishing.categories[1].assets.find((a) => a.id === licence._id)).toEqual({
      id: licence._id, vesselId: boat._id, vessel: { hullName: boat.hullName }, fishingType: licence.fishingType,
      issuedOn: licence.issuedOn.toISOString().slice(0, 10), validUntil: licence.validUntil.toISOString().slice(0, 10),
    });
  });

  it('answers only the categories asked for, and asks nothing of the database for none of its own', async () => {
    expect((await findingsOf(boat.ownerIds[0], '(categories: [FISHING_LICENCE, REAL_ESTATE])')).categories.map((c) => c.category)).toEqual(['FISHING_LICENCE']);
    const events: string[] = [];
    const listener = (event: { commandName: string }) => events.push(event.commandName);
    h.subgraph.client.on('commandStarted', listener);
    const findings = await findingsOf(boat.ownerIds[0], '(categories: [BANK_DEPOSIT])');
    h.subgraph.client.off('commandStarted', listener);
    expect(findings.categories).toEqual([]);
    expect(events).toEqual([]);
  });

  it('gives an empty list per category, not an error, for a party with nothing registered', async () => {
    const findings = await findingsOf('11010519491231002X');
    expect(findings.categories.every((c) => c.count === 0 && c.assets.length === 0)).toBe(true);
  });
});

describe('vessel controls', () => {
  it('lists the measures in force on an asset ranked 0..n, the first active', async () => {
    const byAsset = new Map<string, ControlDocument[]>();
    for (const c of controls) byAsset.set(c.assetId, [...(byAsset.get(c.assetId) ?? []), c]);
    for (const [assetId, queue] of byAsset) {
      const asset = assets.find((a) => a._id === assetId) as VesselAsset;
      const typeName = { MERCHANT_VESSEL: 'MerchantVessel', FISHING_VESSEL: 'FishingVessel', FISHING_LICENCE: 'FishingLicence' }[asset.category];
      const response = await h.query<{ _entities: { controls: { id: string; rank: number; status: string; measure: string }[] }[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${typeName} { controls { id rank status measure } } } }`,
        { r: [{ __typename: typeName, id: assetId }] },
      );
      const listed = response.data?._entities[0].controls ?? [];
      expect(listed.map((c) => c.rank)).toEqual(queue.map((_, i) => i));
      expect(listed.map((c) => c.status)).toEqual(queue.map((_, i) => (i === 0 ? 'ACTIVE' : 'WAITING')));
      expect(listed.map((c) => c.id).sort()).toEqual(queue.map((c) => c._id).sort());
      expect(new Set(listed.map((c) => c.measure))).toEqual(new Set([asset.category === 'FISHING_VESSEL' ? 'SEAL' : 'REGISTRATION_BLOCK']));
    }
    expect([...byAsset.values()].some((queue) => queue.length > 1)).toBe(true);
  });

  it("lists a case's measures on the case", async () => {
    const caseNumber = controls[0].caseNumber;
    const response = await h.query<{ _entities: { vesselControls: { id: string }[] }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on EnforcementCase { vesselControls { id } } } }',
      { r: [{ __typename: 'EnforcementCase', caseNumber, basis: noticeFor({ caseNumber, respondentIds: [] }) }] },
    );
    expect(response.data?._entities[0].vesselControls.map((c) => c.id).sort()).toEqual(controls.filter((c) => c.caseNumber === caseNumber).map((c) => c._id).sort());
  });
});

describe('look-ups by identifier', () => {
  // The court's notice for CASE naming every holder in the register as a respondent, so only the look-up itself is tested here.
  const holders = [...new Set(assets.flatMap((asset) => asset.ownerIds))];
  const lookup = (field: string, arg: string, value: string, caseNumber = CASE) =>
    h.query<Record<string, { id: string } | null>>(`query($v: String!, $c: String!, $b: String!) { ${field}(${arg}: $v, caseNumber: $c, basis: $b) { id } }`, {
      v: value, c: caseNumber, b: noticeFor({ caseNumber: CASE, respondentIds: holders }),
    });

  it('finds a merchant vessel by MMSI and by IMO (with or without the prefix), a fishing vessel by hull name', async () => {
    expect((await lookup('merchantVesselByMmsi', 'mmsi', ship.mmsi)).data?.merchantVesselByMmsi).toEqual({ id: ship._id });
    expect((await lookup('merchantVesselByImo', 'imo', ship.imo)).data?.merchantVesselByImo).toEqual({ id: ship._id });
    expect((await lookup('merchantVesselByImo', 'imo', `IMO ${ship.imo}`, '(2026)浙0902执1号')).data?.merchantVesselByImo).toEqual({ id: ship._id });
    expect((await lookup('fishingVesselByHullName', 'hullName', boat.hullName)).data?.fishingVesselByHullName).toEqual({ id: boat._id });
  });

  it('answers null for well-formed identifiers the register does not hold, or that belong to the other kind of vessel', async () => {
    const unused = ['413000000', '413000001', '413000002'].find((m) => !assets.some((a) => 'mmsi' in a && a.mmsi === m)) as string;
    expect((await lookup('merchantVesselByMmsi', 'mmsi', unused)).data?.merchantVesselByMmsi).toBeNull();
    expect((await lookup('merchantVesselByMmsi', 'mmsi', boat.mmsi)).data?.merchantVesselByMmsi).toBeNull();
    expect((await lookup('merchantVesselByImo', 'imo', '9074729')).data?.merchantVesselByImo).toBeNull();
    expect((await lookup('fishingVesselByHullName', 'hullName', '浙岱渔00000')).data?.fishingVesselByHullName).toBeNull();
  });

  it.each([
    ['merchantVesselByMmsi', 'mmsi', '366123456', CASE, 'mmsi'],
    ['merchantVesselByImo', 'imo', '9074728', CASE, 'imo'],
    ['fishingVesselByHullName', 'hullName', '浙京渔03456', CASE, 'hullName'],
    ['fishingVesselByHullName', 'hullName', '浙岱渔03456', '2026浙0902执1', 'caseNumber'],
  ])('%s(%s: %s, caseNumber: %s) is refused with BAD_USER_INPUT naming %s', async (field, arg, value, caseNumber, named) => {
    const response = await lookup(field, arg, value, caseNumber);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: named });
  });
});

describe('vessel seed', () => {
  it('gives every category to some respondent of an open case', () => {
    const respondents = new Set(world.cases.filter((c) => c.status === 'OPEN').flatMap((c) => c.respondentIds));
    for (const category of CATEGORIES) expect(assets.some((a) => a.category === category && a.ownerIds.some((id) => respondents.has(id)))).toBe(true);
  });

  it('generates identifiers that pass the kit checks, unique across the register', () => {
    const merchant = assets.filter((a): a is MerchantVesselDocument => a.category === 'MERCHANT_VESSEL');
    const fishing = assets.filter((a): a is FishingVesselDocument => a.category === 'FISHING_VESSEL');
    const licences = assets.filter((a): a is FishingLicenceDocument => a.category === 'FISHING_LICENCE');
    for (const v of merchant) expect([checkShipId(v._id), checkImo(v.imo), checkMmsi(v.mmsi)]).toEqual([null, null, null]);
    for (const v of fishing) expect([checkFishingRegistryNumber(v._id), checkFishingHullName(v.hullName), checkMmsi(v.mmsi)]).toEqual([null, null, null]);
    for (const l of licences) expect(checkFishingLicenceNumber(l._id)).toBeNull();
    const all = [...merchant.flatMap((v) => [v._id, v.imo, v.mmsi]), ...fishing.flatMap((v) => [v._id, v.hullName, v.mmsi]), ...licences.map((l) => l._id)];
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives every fishing vessel one licence of the same owner, and keeps positions in the East China Sea', () => {
    for (const v of assets.filter((a): a is FishingVesselDocument => a.category === 'FISHING_VESSEL')) {
      const own = assets.filter((a): a is FishingLicenceDocument => a.category === 'FISHING_LICENCE' && a.vesselId === v._id);
      expect(own.map((l) => l.ownerIds)).toEqual([v.ownerIds]);
    }
    for (const a of assets) {
      if (a.category === 'FISHING_LICENCE') continue;
      const { latitude, longitude } = a.lastKnownPosition;
      expect(latitude >= 27 && latitude <= 31 && longitude >= 120 && longitude <= 123.5).toBe(true);
    }
  });
});
