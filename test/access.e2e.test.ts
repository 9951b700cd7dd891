import { MongoClient } from 'mongodb';
import { generateProvince } from '../seed/province';
import type { CaseDocument } from '../subgraphs/court/model';
import { ACCESS_LOG, type AccessEntry } from '../subgraphs/kit/audit/accessLog';
import { accessLogCheckpointer } from '../subgraphs/kit/audit/checkpointer';
import type { RunningSubgraph } from '../subgraphs/kit/server';
import type { AssetDocument, ControlDocument } from '../subgraphs/kit/register/model';
import { basisOf } from './cases';
import { startHarness, type Harness } from './harness';
import { ANALYST, divisionHeadOf, officerOf, staffOf, SUPERVISOR } from './identities';
import { testMongoUri } from './database';

/** The legal basis, the analysts' aggregates and the supervisors' access audit, through the gateway. */
const SEED = { seed: 11, cases: 300 };
const province = generateProvince(SEED.seed, SEED.cases);
const cases = province.court.cases as CaseDocument[];
const seal = (province.realestate.controls as ControlDocument[])[0] as ControlDocument;
const open = cases.find((c) => c.status === 'OPEN') as CaseDocument;
const closed = cases.find((c) => c.status !== 'OPEN') as CaseDocument;
const debtor = open.respondentIds[0] as string;
const otherCourt = cases.find((c) => c.courtCode !== open.courtCode)?.courtCode as string;

const CASE_PARTY = `query($c: String!, $p: ID!) { caseParty(caseNumber: $c, partyId: $p) { partyId party { name } realEstateFindings { categories { count } } } }`;
const codeOf = (response: { errors?: { extensions?: Record<string, unknown> }[] }) => response.errors?.[0]?.extensions?.code;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'access', seed: SEED });
});
afterAll(() => h?.stop());

describe('the legal basis', () => {
  it('lets the case’s own officer and their division head see its parties', async () => {
    for (const as of [officerOf(open), divisionHeadOf(open.courtCode)]) {
      const response = await h.query<{ caseParty: { partyId: string } }>(CASE_PARTY, { c: open._id, p: debtor }, { as });
      expect(response.errors).toBeUndefined();
      expect(response.data?.caseParty.partyId).toBe(debtor);
    }
  });

  it('refuses an officer of another court, another officer of the same court, and a closed case', async () => {
    const stranger = { ...officerOf(open), court: otherCourt };
    expect(codeOf(await h.query(CASE_PARTY, { c: open._id, p: debtor }, { as: stranger }))).toBe('FORBIDDEN');
    expect(
      codeOf(await h.query('query($c: String!) { enforcementCase(caseNumber: $c) { caseNumber } }', { c: open._id }, { as: stranger })),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(await h.query('query($c: String!) { casesOfCourt(courtCode: $c) { totalCount } }', { c: open.courtCode }, { as: stranger })),
    ).toBe('FORBIDDEN');
    const colleague = { ...officerOf(open), officerId: `${open.officerId}-other` };
    expect(codeOf(await h.query(CASE_PARTY, { c: open._id, p: debtor }, { as: colleague }))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(CASE_PARTY, { c: closed._id, p: closed.respondentIds[0] }, { as: officerOf(closed) }))).toBe('FORBIDDEN');
  });
});

describe('a measure', () => {
  it('is lifted only by a division head of the court that ordered it', async () => {
    // Another court's division head, with the court's genuine notice for an open case of their own court.
    const own = cases.find((c) => c.courtCode !== seal.courtCode && c.status === 'OPEN') as (typeof cases)[number];
    const head = divisionHeadOf(own.courtCode);
    const response = await h.query(
      'mutation($id: ID!, $b: String!) { releaseRealEstateControl(id: $id, documentNumber: "解封", basis: $b) { id } }',
      { id: seal._id, b: await basisOf(h, own._id, head) },
      { as: head },
    );
    expect(codeOf(response)).toBe('FORBIDDEN');
  });
});

describe('a closed case', () => {
  it('keeps a notice for lifting its measures and reading them, and for nothing else', async () => {
    const inForce = (province.realestate.controls as ControlDocument[]).find(
      (c) => c._id !== seal._id && c.state === 'IN_QUEUE' && cases.find((k) => k._id === c.caseNumber)?.status === 'OPEN',
    ) as ControlDocument;
    const theCase = cases.find((c) => c._id === inForce.caseNumber) as CaseDocument;
    await h.subgraphs
      .get('court')
      ?.db.collection<CaseDocument>('cases')
      .updateOne({ _id: theCase._id }, { $set: { status: 'FULLY_ENFORCED' } });
    const head = divisionHeadOf(theCase.courtCode);
    const basis = await basisOf(h, theCase._id, head);
    const act = (verb: 'renew' | 'release') =>
      h.query<Record<string, { status: string }>>(
        `mutation($id: ID!, $b: String!) { ${verb}RealEstateControl(id: $id, documentNumber: "（2026）解封1号", basis: $b) { status } }`,
        { id: inForce._id, b: basis },
        { as: head },
      );
    const renewed = await act('renew');
    expect(codeOf(renewed)).toBe('FORBIDDEN');
    expect(renewed.errors?.[0]?.message).toContain('no longer open');
    const investigation = await h.query(
      'mutation($i: InvestigationRequestInput!) { requestRealEstateInvestigation(input: $i) { id } }',
      {
        i: {
          caseNumber: theCase._id,
          partyId: theCase.respondentIds[0],
          idempotencyKey: 'closed-case-investigation',
          officer: { name: '王法官', phone: '13805711234' },
          basis,
        },
      },
      { as: head },
    );
    expect(codeOf(investigation)).toBe('FORBIDDEN');
    const listed = await h.query<{ enforcementCase: { realEstateControls: { id: string }[] } }>(
      'query($c: String!) { enforcementCase(caseNumber: $c) { realEstateControls { id } } }',
      { c: theCase._id },
      { as: head },
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.enforcementCase.realEstateControls.map((c) => c.id)).toContain(inForce._id);
    const released = await act('release');
    expect(released.errors).toBeUndefined();
    expect(released.data?.releaseRealEstateControl.status).toBe('RELEASED');
  });
});

describe('analysts', () => {
  it('are refused every person and asset', async () => {
    expect(codeOf(await h.query(CASE_PARTY, { c: open._id, p: debtor }, { as: ANALYST }))).toBe('FORBIDDEN');
    expect(codeOf(await h.query('query($p: ID!) { party(id: $p) { name } }', { p: debtor }, { as: ANALYST }))).toBe('FORBIDDEN');
    expect(
      codeOf(await h.query('query($c: String!) { enforcementCase(caseNumber: $c) { caseNumber } }', { c: open._id }, { as: ANALYST })),
    ).toBe('FORBIDDEN');
  });

  it('get case counts by court, status and type, without groups under 10', async () => {
    const response = await h.query<{ caseStatistics: { courtCode: string; status: string; type: string; count: number }[] }>(
      '{ caseStatistics { courtCode status type count } }',
      {},
      { as: ANALYST },
    );
    expect(response.errors).toBeUndefined();
    const groups = new Map<string, number>();
    for (const c of cases)
      groups.set(`${c.courtCode}|${c.status}|${c.type}`, (groups.get(`${c.courtCode}|${c.status}|${c.type}`) ?? 0) + 1);
    const want = [...groups]
      .filter(([, count]) => count >= 10)
      .map(([key, count]) => `${key}|${count}`)
      .sort();
    expect(response.data?.caseStatistics.map((s) => `${s.courtCode}|${s.status}|${s.type}|${s.count}`).sort()).toEqual(want);
    expect([...groups.values()].some((count) => count < 10)).toBe(true);
  });
});

describe('the access audit', () => {
  const AUDIT = `query($p: ID!) { accessAudit(partyId: $p) {
    courtAccessLog { userId caseNumber operation } courtAccessLogCheck { ...check }
    realEstateAccessLog { userId role court caseNumber operation answeredBy categories resultCount } realEstateAccessLogCheck { ...check }
    vehicleAccessLogCheck { ...check } financeAccessLogCheck { ...check }
  } }
  fragment check on AccessLogCheck { intact entries firstBrokenAt kind lastCheckpoint { position } }`;
  type Check = {
    intact: boolean;
    entries: number;
    firstBrokenAt: number | null;
    kind: string | null;
    lastCheckpoint: { position: number } | null;
  };
  type Audit = {
    accessAudit: Record<string, unknown> & {
      courtAccessLog: { userId: string }[];
      realEstateAccessLog: { userId: string; caseNumber: string; answeredBy: string }[];
      courtAccessLogCheck: Check;
      realEstateAccessLogCheck: Check;
    };
  };

  it('shows a supervisor who looked, in the court and in the agency that answered, and that the chains are intact', async () => {
    const officer = officerOf(open);
    expect((await h.query(CASE_PARTY, { c: open._id, p: debtor }, { as: officer })).errors).toBeUndefined();
    const response = await h.query<Audit>(AUDIT, { p: debtor }, { as: SUPERVISOR });
    expect(response.errors).toBeUndefined();
    const audit = response.data?.accessAudit;
    expect(audit?.courtAccessLog).toContainEqual({ userId: officer.userId, caseNumber: open._id, operation: 'CaseParty.party' });
    expect(audit?.realEstateAccessLog).toContainEqual(
      expect.objectContaining({
        userId: officer.userId,
        role: 'OFFICER',
        court: open.courtCode,
        caseNumber: open._id,
        answeredBy: 'REALESTATE',
        operation: 'realEstateFindings',
      }),
    );
    for (const log of ['court', 'realEstate', 'vehicle', 'finance'])
      expect(audit?.[`${log}AccessLogCheck`]).toMatchObject({ intact: true, firstBrokenAt: null, kind: null });
  });

  it('logs a look-up by identifier under the respondent holding the asset; anybody else’s asset reads as unknown, unlogged', async () => {
    type Vehicle = AssetDocument & { plate: string };
    const vehicles = (province.vehicles.assets as Vehicle[]).filter((a) => a.category === 'MOTOR_VEHICLE');
    const heldBy = (c: CaseDocument) => (v: Vehicle) => v.ownerIds.some((owner) => c.respondentIds.includes(owner));
    const theCase = cases.find((c) => c.status === 'OPEN' && vehicles.some(heldBy(c))) as CaseDocument;
    const vehicle = vehicles.find(heldBy(theCase)) as Vehicle;
    const holder = vehicle.ownerIds.find((owner) => theCase.respondentIds.includes(owner)) as string;
    const others = vehicles.find((v) => !heldBy(theCase)(v)) as Vehicle;
    const officer = officerOf(theCase);
    const basis = await basisOf(h, theCase._id, officer);
    const LOOKUP =
      'query($plate: String!, $c: String!, $b: String!) { motorVehicleByPlate(plate: $plate, caseNumber: $c, basis: $b) { plate } }';
    type Lookup = { motorVehicleByPlate: { plate: string } | null };

    const found = await h.query<Lookup>(LOOKUP, { plate: vehicle.plate, c: theCase._id, b: basis }, { as: officer });
    expect(found.errors).toBeUndefined();
    expect(found.data?.motorVehicleByPlate?.plate).toBe(vehicle.plate);
    const unknown = await h.query<Lookup>(LOOKUP, { plate: others.plate, c: theCase._id, b: basis }, { as: officer });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.motorVehicleByPlate).toBeNull();
    // Another officer of the court, not assigned to the case, gets no notice of their own and cannot use this one.
    const colleague = officerOf({ courtCode: theCase.courtCode, officerId: `${theCase.officerId}-other` });
    expect(codeOf(await h.query(LOOKUP, { plate: vehicle.plate, c: theCase._id, b: basis }, { as: colleague }))).toBe('FORBIDDEN');

    const VEHICLE_AUDIT =
      'query($p: ID!) { accessAudit(partyId: $p) { vehicleAccessLog { userId court caseNumber operation answeredBy categories resultCount } vehicleAccessLogCheck { intact } } }';
    type VehicleAudit = { accessAudit: { vehicleAccessLog: { userId: string }[]; vehicleAccessLogCheck: { intact: boolean } } };
    const ofHolder = await h.query<VehicleAudit>(VEHICLE_AUDIT, { p: holder }, { as: SUPERVISOR });
    expect(ofHolder.errors).toBeUndefined();
    expect(ofHolder.data?.accessAudit.vehicleAccessLog).toEqual([
      {
        userId: officer.userId,
        court: theCase.courtCode,
        caseNumber: theCase._id,
        operation: 'motorVehicleByPlate',
        answeredBy: 'VEHICLES',
        categories: ['MOTOR_VEHICLE'],
        resultCount: 1,
      },
    ]);
    expect(ofHolder.data?.accessAudit.vehicleAccessLogCheck.intact).toBe(true);
    for (const owner of others.ownerIds) {
      const ofOwner = await h.query<VehicleAudit>(VEHICLE_AUDIT, { p: owner }, { as: SUPERVISOR });
      expect(ofOwner.errors).toBeUndefined();
      expect(ofOwner.data?.accessAudit.vehicleAccessLog).toEqual([]);
    }
  });

  it('shows where and how one agency’s log was altered, the others intact', async () => {
    const client = new MongoClient(testMongoUri());
    try {
      await client
        .db(h.databaseName('realestate'))
        .collection(ACCESS_LOG)
        .updateOne({ _id: 1 as never }, { $set: { userId: 'someone-else' } });
    } finally {
      await client.close();
    }
    const response = await h.query<Audit>(AUDIT, { p: debtor }, { as: SUPERVISOR });
    expect(response.data?.accessAudit.realEstateAccessLogCheck).toMatchObject({
      intact: false,
      kind: 'ALTERED',
      firstBrokenAt: 1,
      entries: 0,
    });
    expect(response.data?.accessAudit.courtAccessLogCheck.intact).toBe(true);
  });

  it('shows a log cut short after its last checkpoint as TRUNCATED, at the first position cut off', async () => {
    const court = h.subgraphs.get('court') as RunningSubgraph;
    // The court's checkpointer as its process runs it: a checkpoint when it starts and one when it stops.
    await (
      await accessLogCheckpointer(court)
    )();
    const log = court.db.collection<AccessEntry>(ACCESS_LOG);
    const end = (await log.find().sort({ _id: -1 }).limit(1).toArray())[0] as AccessEntry;
    await log.deleteOne({ _id: end._id });
    const response = await h.query<Audit>(AUDIT, { p: debtor }, { as: SUPERVISOR });
    expect(response.data?.accessAudit.courtAccessLogCheck).toEqual({
      intact: false,
      kind: 'TRUNCATED',
      firstBrokenAt: end._id,
      entries: end._id - 1,
      lastCheckpoint: { position: end._id },
    });
  });

  it('is for supervisors only', async () => {
    for (const as of [officerOf(open), divisionHeadOf(open.courtCode), staffOf('REALESTATE'), ANALYST]) {
      expect(codeOf(await h.query(AUDIT, { p: debtor }, { as }))).toBe('FORBIDDEN');
    }
  });
});
