import { generateCourt } from '../../seed/agencies/court';
import { generateVessels } from '../../seed/agencies/vessels';
import { DEFAULT_AS_OF } from '../../seed/province';
import type { World } from '../../seed/world';
import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import {
  checkFishingHullName,
  checkFishingLicenceNumber,
  checkFishingRegistryNumber,
  checkImo,
  checkMmsi,
  checkShipId,
  createRandom,
} from '../../domain/identifiers';
import type { ControlDocument } from '../kit/register/model';
import type { AssetCategory } from '../../domain/assets';
import type { FishingLicenceDocument, FishingVesselDocument, MerchantVesselDocument, VesselAsset } from './model';
import vessels from './index';
import { noticeFor } from '../../test/cases';
import { divisionHeadOf, TEST_OFFICER } from '../../test/identities';
import { ACCESS_LOG, subjectHash, type AccessEntry } from '../kit/audit/accessLog';
import { accessLogKey } from '../kit/audit/key';

const court = generateCourt(createRandom('7:court'), 400, DEFAULT_AS_OF);
const world: World = {
  asOf: DEFAULT_AS_OF,
  parties: court.parties,
  partyById: new Map(court.parties.map((p) => [p.id, p])),
  cases: court.cases,
};
const data = generateVessels(world, createRandom('7:vessels'));
const assets = data.assets as VesselAsset[];
const controls = data.controls as ControlDocument[];
const CATEGORIES: AssetCategory[] = ['MERCHANT_VESSEL', 'FISHING_VESSEL', 'FISHING_LICENCE'];
const CASE = '（2026）浙0902执1号';
const first = <C extends VesselAsset['category']>(category: C) =>
  assets.find((a) => a.category === category) as Extract<VesselAsset, { category: C }>;
const ship = first('MERCHANT_VESSEL');
const boat = first('FISHING_VESSEL');

let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(vessels, 'vessels_unit', data);
});
afterAll(() => h?.stop());

interface Entry {
  category: string;
  count: number;
  totalEstimatedValue: number;
  assets: Record<string, unknown>[];
}
const ASSET_FIELDS = `id
  ... on MerchantVessel { imo mmsi name portOfRegistry grossTonnage vesselType builtYear mortgages { mortgagee amount registeredOn } lastKnownPosition { latitude longitude speedKnots reportedAt nearestPort } }
  ... on FishingVessel { hullName mmsi homePort lengthMetres enginePowerKw builtYear licences { id } lastKnownPosition { nearestPort } }
  ... on FishingLicence { vesselId vessel { hullName } fishingType issuedOn validUntil }`;

const findingsOf = async (partyId: string, filter = '') =>
  (
    await h.caseParties<{ vesselFindings: { agency: string; categories: Entry[] } }>(
      [{ caseNumber: CASE, partyId }],
      `vesselFindings${filter} { agency categories { category count totalEstimatedValue assets { ${ASSET_FIELDS} } } }`,
    )
  )[0].vesselFindings;

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
    const merchant = (await findingsOf(ship.ownerIds[0], '(categories: [MERCHANT_VESSEL])')).categories[0].assets.find(
      (a) => a.id === ship._id,
    );
    expect(merchant).toEqual({
      id: ship._id,
      imo: ship.imo,
      mmsi: ship.mmsi,
      name: ship.name,
      portOfRegistry: ship.portOfRegistry,
      grossTonnage: ship.grossTonnage,
      vesselType: ship.vesselType,
      builtYear: ship.builtYear,
      mortgages: ship.mortgages.map((m) => ({
        mortgagee: m.mortgagee,
        amount: m.amount,
        registeredOn: m.registeredOn.toISOString().slice(0, 10),
      })),
      lastKnownPosition: { ...ship.lastKnownPosition, reportedAt: ship.lastKnownPosition.reportedAt.toISOString() },
    });
    const fishing = await findingsOf(boat.ownerIds[0], '(categories: [FISHING_VESSEL, FISHING_LICENCE])');
    const licence = assets.find(
      (a): a is FishingLicenceDocument => a.category === 'FISHING_LICENCE' && a.vesselId === boat._id,
    ) as FishingLicenceDocument;
    expect(fishing.categories[0].assets.find((a) => a.id === boat._id)).toEqual({
      id: boat._id,
      hullName: boat.hullName,
      mmsi: boat.mmsi,
      homePort: boat.homePort,
      lengthMetres: boat.lengthMetres,
      enginePowerKw: boat.enginePowerKw,
      builtYear: boat.builtYear,
      licences: [{ id: licence._id }],
      lastKnownPosition: { nearestPort: boat.lastKnownPosition.nearestPort },
    });
    expect(fishing.categories[1].assets.find((a) => a.id === licence._id)).toEqual({
      id: licence._id,
      vesselId: boat._id,
      vessel: { hullName: boat.hullName },
      fishingType: licence.fishingType,
      issuedOn: licence.issuedOn.toISOString().slice(0, 10),
      validUntil: licence.validUntil.toISOString().slice(0, 10),
    });
  });

  it('answers only the categories asked for, and asks nothing of the database for none of its own', async () => {
    expect((await findingsOf(boat.ownerIds[0], '(categories: [FISHING_LICENCE, REAL_ESTATE])')).categories.map((c) => c.category)).toEqual([
      'FISHING_LICENCE',
    ]);
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
      const typeName = { MERCHANT_VESSEL: 'MerchantVessel', FISHING_VESSEL: 'FishingVessel', FISHING_LICENCE: 'FishingLicence' }[
        asset.category
      ];
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

  const CONTROLS = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on EnforcementCase { vesselControls { id } } } }';
  const respondentsOf = (caseNumber: string) => world.cases.find((c) => c._id === caseNumber)?.respondentIds ?? [];
  const caseNumber = controls[0].caseNumber;

  it("lists a case's measures on the case, through the court's notice for it", async () => {
    const response = await h.query<{ _entities: { vesselControls: { id: string }[] }[] }>(CONTROLS, {
      r: [{ __typename: 'EnforcementCase', caseNumber, basis: noticeFor({ caseNumber, respondentIds: respondentsOf(caseNumber) }) }],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities[0].vesselControls.map((c) => c.id).sort()).toEqual(
      controls
        .filter((c) => c.caseNumber === caseNumber)
        .map((c) => c._id)
        .sort(),
    );
  });

  it.each([
    ['no notice', () => undefined],
    ['a token that is no notice', () => 'x'],
    ['a notice for another case', () => noticeFor({ caseNumber: '（2026）浙0902执99999号', respondentIds: respondentsOf(caseNumber) })],
    ['a notice for another user', () => noticeFor({ caseNumber, respondentIds: respondentsOf(caseNumber) }, divisionHeadOf('浙0102'))],
  ])("refuses a case's measures on the case with FORBIDDEN for %s", async (_label, basis) => {
    const response = await h.query<{ _entities: { vesselControls: unknown }[] }>(CONTROLS, {
      r: [{ __typename: 'EnforcementCase', caseNumber, basis: basis() }],
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?._entities[0]?.vesselControls ?? null).toBeNull();
  });
});

describe('look-ups by identifier', () => {
  // Every holder in the register: a notice naming them all as respondents leaves only the register's own answer to test.
  const holders = [...new Set(assets.flatMap((asset) => asset.ownerIds))];
  // The court's notice for CASE naming `respondentIds`, as the test officer (who sends every look-up here) gets it.
  const notice = (respondentIds: string[], user = TEST_OFFICER) => noticeFor({ caseNumber: CASE, respondentIds }, user);
  const lookup = (field: string, arg: string, value: string, options: { caseNumber?: string; basis?: string } = {}) =>
    h.query<Record<string, { id: string } | null>>(
      `query($v: String!, $c: String!, $b: String!) { ${field}(${arg}: $v, caseNumber: $c, basis: $b) { id } }`,
      {
        v: value,
        c: options.caseNumber ?? CASE,
        b: options.basis ?? notice(holders),
      },
    );
  const logOf = (subjectId: string, operation: string) =>
    h.subgraph.db
      .collection<AccessEntry>(ACCESS_LOG)
      .find({ subjectHash: subjectHash(accessLogKey(), subjectId), operation })
      .toArray();
  // A merchant vessel none of whose owners owns `ship`: nobody a notice for ship's owners names.
  const strangers = assets.find(
    (a): a is MerchantVesselDocument => a.category === 'MERCHANT_VESSEL' && !a.ownerIds.some((id) => ship.ownerIds.includes(id)),
  );
  const unusedMmsi = () => ['413000000', '413000001', '413000002'].find((m) => !assets.some((a) => 'mmsi' in a && a.mmsi === m)) as string;

  it("finds a respondent's merchant vessel by MMSI and by IMO (with or without the prefix), a fishing vessel by hull name", async () => {
    const basis = notice(ship.ownerIds);
    expect((await lookup('merchantVesselByMmsi', 'mmsi', ship.mmsi, { basis })).data?.merchantVesselByMmsi).toEqual({ id: ship._id });
    expect((await lookup('merchantVesselByImo', 'imo', ship.imo, { basis })).data?.merchantVesselByImo).toEqual({ id: ship._id });
    expect(
      (await lookup('merchantVesselByImo', 'imo', `IMO ${ship.imo}`, { caseNumber: '(2026)浙0902执1号', basis })).data?.merchantVesselByImo,
    ).toEqual({ id: ship._id });
    expect(
      (await lookup('fishingVesselByHullName', 'hullName', boat.hullName, { basis: notice(boat.ownerIds) })).data?.fishingVesselByHullName,
    ).toEqual({ id: boat._id });
  });

  it('logs a vessel found, with its respondent owner as the subject', async () => {
    const [owner] = boat.ownerIds;
    const before = (await logOf(owner, 'fishingVesselByHullName')).length;
    const response = await lookup('fishingVesselByHullName', 'hullName', boat.hullName, { basis: notice([owner, '11010519491231002X']) });
    expect(response.errors).toBeUndefined();
    const log = await logOf(owner, 'fishingVesselByHullName');
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({
      userId: TEST_OFFICER.userId,
      caseNumber: CASE,
      answeredBy: 'VESSELS',
      categories: ['FISHING_VESSEL'],
      resultCount: 1,
    });
    expect(await logOf('11010519491231002X', 'fishingVesselByHullName')).toHaveLength(0);
  });

  it('answers null for well-formed identifiers the register does not hold, or that belong to the other kind of vessel', async () => {
    expect((await lookup('merchantVesselByMmsi', 'mmsi', unusedMmsi())).data?.merchantVesselByMmsi).toBeNull();
    expect((await lookup('merchantVesselByMmsi', 'mmsi', boat.mmsi)).data?.merchantVesselByMmsi).toBeNull();
    expect((await lookup('merchantVesselByImo', 'imo', '9074729')).data?.merchantVesselByImo).toBeNull();
    expect((await lookup('fishingVesselByHullName', 'hullName', '浙岱渔00000')).data?.fishingVesselByHullName).toBeNull();
  });

  it('answers null, exactly as for an unknown MMSI, for a vessel no respondent of the case owns, and logs nothing of its owner', async () => {
    if (!strangers) throw new Error('the seed registered no merchant vessel of other owners');
    const basis = notice(ship.ownerIds);
    const before = (await logOf(strangers.ownerIds[0], 'merchantVesselByMmsi')).length;
    const [other, unknown] = await Promise.all([
      lookup('merchantVesselByMmsi', 'mmsi', strangers.mmsi, { basis }),
      lookup('merchantVesselByMmsi', 'mmsi', unusedMmsi(), { basis }),
    ]);
    expect(other).toEqual(unknown);
    expect(other).toEqual({ data: { merchantVesselByMmsi: null } });
    expect(await lookup('merchantVesselByImo', 'imo', strangers.imo, { basis })).toEqual({ data: { merchantVesselByImo: null } });
    expect(await logOf(strangers.ownerIds[0], 'merchantVesselByMmsi')).toHaveLength(before);
    // The same MMSI through a notice naming its owner: the null above was the notice's doing, not the register's.
    expect(
      (await lookup('merchantVesselByMmsi', 'mmsi', strangers.mmsi, { basis: notice(strangers.ownerIds) })).data?.merchantVesselByMmsi,
    ).toEqual({ id: strangers._id });
  });

  it.each([
    ['a token that is no notice', () => 'x'],
    ['a notice for another case', () => noticeFor({ caseNumber: '（2026）浙0902执2号', respondentIds: ship.ownerIds })],
    ['a notice given to another user', () => notice(ship.ownerIds, divisionHeadOf('浙0902'))],
  ])('refuses a look-up with FORBIDDEN for %s', async (_label, basis) => {
    const response = await lookup('merchantVesselByImo', 'imo', ship.imo, { basis: basis() });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?.merchantVesselByImo ?? null).toBeNull();
  });

  it.each([
    ['merchantVesselByMmsi', 'mmsi', '366123456', CASE, 'mmsi'],
    ['merchantVesselByImo', 'imo', '9074728', CASE, 'imo'],
    ['fishingVesselByHullName', 'hullName', '浙京渔03456', CASE, 'hullName'],
    ['fishingVesselByHullName', 'hullName', '浙岱渔03456', '2026浙0902执1', 'caseNumber'],
  ])('%s(%s: %s, caseNumber: %s) is refused with BAD_USER_INPUT naming %s', async (field, arg, value, caseNumber, named) => {
    const response = await lookup(field, arg, value, { caseNumber });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: named });
  });
});

describe('vessel seed', () => {
  it('gives every category to some respondent of an open case', () => {
    const respondents = new Set(world.cases.filter((c) => c.status === 'OPEN').flatMap((c) => c.respondentIds));
    for (const category of CATEGORIES)
      expect(assets.some((a) => a.category === category && a.ownerIds.some((id) => respondents.has(id)))).toBe(true);
  });

  it('generates identifiers that pass the kit checks, unique across the register', () => {
    const merchant = assets.filter((a): a is MerchantVesselDocument => a.category === 'MERCHANT_VESSEL');
    const fishing = assets.filter((a): a is FishingVesselDocument => a.category === 'FISHING_VESSEL');
    const licences = assets.filter((a): a is FishingLicenceDocument => a.category === 'FISHING_LICENCE');
    for (const v of merchant) expect([checkShipId(v._id), checkImo(v.imo), checkMmsi(v.mmsi)]).toEqual([null, null, null]);
    for (const v of fishing)
      expect([checkFishingRegistryNumber(v._id), checkFishingHullName(v.hullName), checkMmsi(v.mmsi)]).toEqual([null, null, null]);
    for (const l of licences) expect(checkFishingLicenceNumber(l._id)).toBeNull();
    const all = [
      ...merchant.flatMap((v) => [v._id, v.imo, v.mmsi]),
      ...fishing.flatMap((v) => [v._id, v.hullName, v.mmsi]),
      ...licences.map((l) => l._id),
    ];
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
