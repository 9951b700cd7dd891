import { MongoClient } from 'mongodb';
import { generateProvince } from '../seed/province';
import type { CaseDocument } from '../subgraphs/court/model';
import type { AssetDocument, ControlDocument } from '../subgraphs/kit/register/model';
import { startChildSubgraph, type ChildSubgraph } from './childSubgraph';
import { startFaultGraph, type FaultGraph } from './faultGraph';
import { dropDatabases, testDatabaseName } from './harness';
import { otherThanUnavailable, sleep, waitUntil, type Outcome } from './faultLoad';
import { officerOf, staffOf, TEST_OFFICER } from './identities';
import { basisOf, fileCases } from './cases';
import { courtScoped } from '../subgraphs/kit/auth/legalBasis';
import { testMongoUri } from './database';

/*
 * Issue 7, fault tests: the real-estate registry's process is SIGKILLed while reads and seal requests
 * flow through the gateway, then started again on the same port. No request may hang, the outage must
 * read as the agency being unavailable (with the other agencies' data), and no retried seal may be
 * recorded twice or disturb the queue.
 */
const NAME = 'faults_subgraph';
const AGENCY = 'realestate';
const SEED = { seed: 17, cases: 120 };
/** The real-estate registry's own timeout (REALESTATE_READ_TIMEOUT_MS and …_WRITE_…); the other agencies keep the harness's. */
const TIMEOUT_MS = 2000;
/** A hang check, not a performance target: room for the other agencies' fetches and a loaded machine. */
const MARGIN_MS = 3000;
const SEALS = 40;
const UNITS = 4;
const SEALERS = 3;
const READERS = 3;
const RETRY_PAUSE_MS = 100;

const province = generateProvince(SEED.seed, SEED.cases);
const cases = province.court.cases as CaseDocument[];
const assets = Object.values(province).flatMap((data) => (data.assets ?? []) as AssetDocument[]);
const controlled = new Set(
  Object.values(province)
    .flatMap((data) => (data.controls ?? []) as ControlDocument[])
    .map((c) => c.assetId),
);
const realEstateOf = (partyId: string) => assets.filter((a) => a.category === 'REAL_ESTATE' && a.ownerIds.includes(partyId));
// Free units, so each queue holds only this test's seals and its ranks are 0..n-1.
const units = assets.filter((a) => a.category === 'REAL_ESTATE' && !controlled.has(a._id)).slice(0, UNITS);
const debtors = cases
  .filter((c) => c.status === 'OPEN')
  .flatMap((c) =>
    c.respondentIds
      .filter((partyId) => realEstateOf(partyId).length > 0)
      .map((partyId) => ({ caseNumber: c._id, partyId, officer: officerOf(c) })),
  )
  .slice(0, 10);
if (units.length < UNITS || debtors.length === 0) throw new Error(`seed ${SEED.seed} lacks free units or debtors holding real estate`);

const caseNo = (n: number) => `（2026）浙0102执${9100 + n}号`;
/** One seal per case; the cases are the test officer's (filed before the load), the notices fetched then. */
type SealInput = { caseNumber: string; partyId: string; idempotencyKey: string; basis?: string } & Record<string, unknown>;
const seals: SealInput[] = Array.from({ length: SEALS }, (_, n) => {
  const unit = units[n % UNITS];
  return {
    caseNumber: caseNo(n),
    partyId: unit.ownerIds[0],
    assetId: unit._id,
    measure: 'SEAL',
    documentNumber: `${caseNo(n)}之一`,
    idempotencyKey: `fault-seal-${n}`,
    officer: { name: '王法官', phone: '13805711234' },
  };
});

const READ = `query Findings($caseNumber: String!, $partyId: ID!) {
  caseParty(caseNumber: $caseNumber, partyId: $partyId) {
    realEstateFindings { agency categories { category count } }
    financeFindings { agency categories { category count } }
  }
}`;
const SEAL = 'mutation Seal($input: ControlRequestInput!) { requestRealEstateControl(input: $input) { id rank assetId acknowledgedAt } }';
const PANORAMA = `query Panorama($caseNumber: String!, $partyId: ID!) {
  caseParty(caseNumber: $caseNumber, partyId: $partyId) { panorama { complete missingAgencies coverage categories { category known count } } }
}`;
type PanoramaData = {
  caseParty: {
    panorama: {
      complete: boolean;
      missingAgencies: string[];
      coverage: number | null;
      categories: { category: string; known: boolean; count: number | null }[];
    } | null;
  } | null;
};
type Findings = { agency: string; categories: { category: string; count: number }[] } | null;
type ReadData = { caseParty: { realEstateFindings: Findings; financeFindings: Findings } | null };
type Control = { id: string; rank: number; assetId: string; acknowledgedAt: string };
type SealData = { requestRealEstateControl: Control | null };

let child: ChildSubgraph | undefined;
let graph: FaultGraph | undefined;
const outcomes: Outcome<ReadData & SealData>[] = [];
const confirmed = new Map<string, Control>();
let killingAt = Infinity;
let killedAt = Infinity;
let restartingAt = Infinity;
let restartedAt = Infinity;

/** Started after the kill had taken effect and answered before the restart began: the outage proper. */
const inOutage = (o: Outcome) => o.startedAt >= killedAt && o.endedAt <= restartingAt;
const answered = (o: Outcome<ReadData & SealData>) => o.sent.status === 200 && !o.sent.body?.errors;

async function runLoad(g: FaultGraph, subgraph: ChildSubgraph): Promise<void> {
  const queue = [...seals];
  let stopping = false;
  let sealsInFlight = 0;
  // Each seal is sent until it is confirmed, with the same idempotency key every time, as a client retries.
  const sealer = async () => {
    while (!stopping) {
      const input = queue.shift();
      if (!input) {
        await sleep(RETRY_PAUSE_MS);
        continue;
      }
      const startedAt = performance.now();
      sealsInFlight += 1;
      const sent = await g.send<ReadData & SealData>(SEAL, { input }, TEST_OFFICER).finally(() => (sealsInFlight -= 1));
      outcomes.push({ kind: 'seal', key: input.idempotencyKey, startedAt, endedAt: performance.now(), sent });
      const control = sent.body?.data?.requestRealEstateControl;
      if (control && !sent.body?.errors) confirmed.set(input.idempotencyKey, control);
      else {
        queue.push(input);
        await sleep(RETRY_PAUSE_MS);
      }
    }
  };
  const reader = async (first: number) => {
    for (let n = first; !stopping; n++) {
      const debtor = debtors[n % debtors.length];
      const startedAt = performance.now();
      const sent = await g.send<ReadData & SealData>(READ, { caseNumber: debtor.caseNumber, partyId: debtor.partyId }, debtor.officer);
      outcomes.push({ kind: 'read', startedAt, endedAt: performance.now(), sent });
      await sleep(20);
    }
  };
  const workers = [...Array.from({ length: SEALERS }, () => sealer()), ...Array.from({ length: READERS }, (_, i) => reader(i))];
  try {
    // Killed while a seal is on its way: a write cut off mid-request is what a retry must not record twice.
    await waitUntil(
      'a quarter of the seals confirmed before the kill, one in flight',
      () => confirmed.size >= SEALS / 4 && sealsInFlight > 0,
      20_000,
    );
    killingAt = performance.now();
    await subgraph.kill();
    killedAt = performance.now();
    const seen = (kind: Outcome['kind']) => outcomes.filter((o) => o.kind === kind && inOutage(o)).length;
    await waitUntil('reads and seals sent during the outage', () => seen('read') >= 5 && seen('seal') >= 5, 10_000);
    restartingAt = performance.now();
    await subgraph.restart();
    restartedAt = performance.now();
    const readsAfter = () => outcomes.filter((o) => o.kind === 'read' && o.startedAt >= restartedAt && answered(o)).length;
    await waitUntil(
      'every seal confirmed and reads answered after the restart',
      () => confirmed.size === SEALS && readsAfter() >= 3,
      30_000,
    );
  } finally {
    stopping = true;
    await Promise.all(workers);
  }
}

beforeAll(async () => {
  const mongoUri = testMongoUri();
  await dropDatabases(mongoUri, testDatabaseName(NAME));
  child = await startChildSubgraph(AGENCY, { mongoUri, dbName: testDatabaseName(NAME)(AGENCY) });
  graph = await startFaultGraph({
    name: NAME,
    mongoUri,
    seed: SEED,
    elsewhere: { [AGENCY]: child.url },
    gateway: { agencyTimeouts: { REALESTATE: { readMs: TIMEOUT_MS, writeMs: TIMEOUT_MS } } },
  });
  const started = graph;
  await fileCases(
    started,
    seals.map((input) => ({ caseNumber: input.caseNumber, respondentIds: [input.partyId] })),
  );
  for (const input of seals) input.basis = await basisOf(started, input.caseNumber, TEST_OFFICER);
  await runLoad(graph, child);
}, 90_000);

afterAll(async () => {
  await graph?.stop();
  await child?.stop();
});

describe('a subgraph killed mid-load and restarted', () => {
  it('answers every request within the subgraph timeout plus a margin: nothing hangs', () => {
    const slow = outcomes.filter((o) => o.sent.ms > TIMEOUT_MS + MARGIN_MS).map((o) => ({ kind: o.kind, ms: Math.round(o.sent.ms) }));
    expect(slow).toEqual([]);
    expect(outcomes.every((o) => o.sent.status === 200 && o.sent.body !== null)).toBe(true);
  });

  it('killed the subgraph mid-load, with a seal in flight', () => {
    const cut = outcomes.filter((o) => o.startedAt < killingAt && o.endedAt > killingAt);
    expect(cut.filter((o) => o.kind === 'seal').length).toBeGreaterThanOrEqual(1);
  });

  it('reports the outage as the agency unavailable, by name, and still delivers the other agencies’ data', () => {
    const outage = outcomes.filter(inOutage);
    expect(outage.filter((o) => o.kind === 'read').length).toBeGreaterThanOrEqual(5);
    expect(outage.filter((o) => o.kind === 'seal').length).toBeGreaterThanOrEqual(5);
    for (const o of outage) {
      expect(o.sent.body?.errors?.length).toBeGreaterThan(0);
      if (o.kind === 'read') {
        expect(o.sent.body?.data?.caseParty?.realEstateFindings).toBeNull();
        expect(o.sent.body?.data?.caseParty?.financeFindings?.agency).toBe('FINANCE');
      } else expect(o.sent.body?.data?.requestRealEstateControl ?? null).toBeNull();
    }
    // Before, during and after: a failure is only ever this agency reported unavailable (a timeout under load included).
    expect(outcomes.flatMap((o) => otherThanUnavailable(o.sent.body, AGENCY))).toEqual([]);
  });

  it('recovers on the same port: reads answer again with the agency’s data', () => {
    const after = outcomes.filter((o) => o.kind === 'read' && o.startedAt >= restartedAt && answered(o));
    expect(after.length).toBeGreaterThanOrEqual(3);
    const realEstateCount = (o: Outcome<ReadData & SealData>) =>
      o.sent.body?.data?.caseParty?.realEstateFindings?.categories.find((c) => c.category === 'REAL_ESTATE')?.count;
    expect(after.every((o) => (realEstateCount(o) ?? 0) > 0)).toBe(true);
  });

  it('answers within the timeout when the subgraph hangs, naming it, with the other agencies’ data and a panorama without it', async () => {
    const g = graph as FaultGraph;
    const frozen = child as ChildSubgraph;
    frozen.freeze();
    try {
      const reads = await Promise.all(
        debtors.slice(0, 3).map((d) => g.send<ReadData>(READ, { caseNumber: d.caseNumber, partyId: d.partyId }, d.officer)),
      );
      for (const read of reads) {
        // Waited for the timeout (no retry of a timed-out query), then gave up on this agency only.
        expect(read.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
        expect(read.ms).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
        expect(read.body?.data?.caseParty?.realEstateFindings).toBeNull();
        expect(read.body?.data?.caseParty?.financeFindings?.agency).toBe('FINANCE');
        expect(read.body?.errors?.map((e) => [e.extensions?.code, e.extensions?.agency, e.message])).toEqual([
          ['AGENCY_UNAVAILABLE', AGENCY, `agency ${AGENCY} did not answer within ${TIMEOUT_MS} ms`],
        ]);
      }
      // The officer's panorama arrives too, without the registry's categories: unknown, not zero.
      const debtor = debtors[0];
      const panorama = await g.send<PanoramaData>(PANORAMA, { caseNumber: debtor.caseNumber, partyId: debtor.partyId }, debtor.officer);
      const answer = panorama.body?.data?.caseParty?.panorama;
      expect([answer?.complete, answer?.missingAgencies, answer?.coverage]).toEqual([false, ['REALESTATE'], null]);
      expect(answer?.categories.find((r) => r.category === 'REAL_ESTATE')).toEqual({ category: 'REAL_ESTATE', known: false, count: null });
      expect(answer?.categories.filter((r) => r.known).length).toBeGreaterThan(0);
    } finally {
      frozen.thaw();
    }
    const debtor = debtors[0];
    await waitUntil(
      'the thawed subgraph answers',
      async () => !(await g.send<ReadData>(READ, { caseNumber: debtor.caseNumber, partyId: debtor.partyId }, debtor.officer)).body?.errors,
      10_000,
    );
  }, 20_000);

  it('records each idempotency key once, however often the client sent it, without re-stamping its receipt', async () => {
    const g = graph as FaultGraph;
    // One more retry of every seal at once, as a client that never saw the answers would send.
    const again = await Promise.all(seals.map((input) => g.send<SealData>(SEAL, { input }, TEST_OFFICER)));
    expect(again.filter((r) => r.body?.errors)).toEqual([]);
    const byKey = new Map<string, Set<string>>();
    const answers = [
      ...outcomes
        .filter((o) => o.kind === 'seal' && answered(o))
        .map((o) => [o.key as string, o.sent.body?.data?.requestRealEstateControl] as const),
      ...again.map((r, i) => [seals[i].idempotencyKey, r.body?.data?.requestRealEstateControl] as const),
    ];
    for (const [key, control] of answers) byKey.set(key, new Set([...(byKey.get(key) ?? []), `${control?.id}@${control?.acknowledgedAt}`]));
    expect(byKey.size).toBe(SEALS);
    expect([...byKey].filter(([, versions]) => versions.size !== 1)).toEqual([]);

    const client = new MongoClient(testMongoUri());
    try {
      const controls = client.db(g.databaseName(AGENCY)).collection<ControlDocument>('controls');
      const stored = await controls.find({ assetId: { $in: units.map((u) => u._id) } }).toArray();
      const perKey = new Map<string, number>();
      for (const c of stored) perKey.set(c.idempotencyKey, (perKey.get(c.idempotencyKey) ?? 0) + 1);
      expect(stored.length).toBe(SEALS);
      // The register keeps each key within the court that sent it (kit/auth/legalBasis.ts, courtScoped).
      expect(seals.filter((s) => perKey.get(courtScoped(TEST_OFFICER.court ?? '', s.idempotencyKey)) !== 1)).toEqual([]);
      // Each unit's queue order (seq) runs 0..n-1: no place taken twice, none skipped.
      for (const unit of units) {
        expect(
          stored
            .filter((c) => c.assetId === unit._id)
            .map((c) => c.seq)
            .sort((a, b) => a - b),
        ).toEqual(Array.from({ length: SEALS / UNITS }, (_, i) => i));
      }
    } finally {
      await client.close();
    }
  });

  it('ranks each unit’s queue 0..n-1 through the graph, without gaps or duplicates', async () => {
    const response = await (graph as FaultGraph).send<{ realEstateRequests: { nodes: Control[] } }>(
      '{ realEstateRequests(first: 500) { nodes { id rank assetId } } }',
      {},
      staffOf('REALESTATE'),
    );
    expect(response.body?.errors).toBeUndefined();
    for (const unit of units) {
      const ranks = (response.body?.data?.realEstateRequests.nodes ?? [])
        .filter((c) => c.assetId === unit._id)
        .map((c) => c.rank)
        .sort((a, b) => a - b);
      expect(ranks).toEqual(Array.from({ length: SEALS / UNITS }, (_, i) => i));
    }
  });
});
