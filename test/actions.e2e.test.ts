import { MongoClient } from 'mongodb';
import { generateProvince } from '../seed/province';
import type { AssetDocument, ControlDocument } from '../subgraphs/kit/register/model';
import { lapseExpired } from '../subgraphs/kit/register/transitions';
import { startHarness, writeCommands, type GraphQLResponse, type Harness } from './harness';
import { basisOf, fileCases, type TestCase } from './cases';
import { actorFor, officerOf, staffOf } from './identities';
import type { Identity } from '../platform/identity';
import { testMongoUri } from './database';

const SEED = { seed: 13, cases: 300 };
const province = generateProvince(SEED.seed, SEED.cases);
const controlled = new Set(
  Object.values(province)
    .flatMap((d) => (d.controls ?? []) as ControlDocument[])
    .map((c) => c.assetId),
);
const free = (category: string) =>
  Object.values(province)
    .flatMap((d) => (d.assets ?? []) as AssetDocument[])
    .filter((a) => a.category === category && !controlled.has(a._id) && (a.estimatedValue ?? 0) > 0);
const [unit, unit2, unit3] = free('REAL_ESTATE');
const deposit = free('BANK_DEPOSIT').sort((a, b) => (b.estimatedValue ?? 0) - (a.estimatedValue ?? 0))[0];
const vehicle = free('MOTOR_VEHICLE')[0];
const officer = { name: '王法官', phone: '13805711234' };
const caseNo = (n: number) => `（2026）浙0102执${9000 + n}号`;
const request = (asset: AssetDocument, n: number, extra: Record<string, unknown> = {}) => ({
  caseNumber: caseNo(n),
  partyId: asset.ownerIds[0],
  assetId: asset._id,
  measure: 'SEAL',
  documentNumber: `${caseNo(n)}之一`,
  idempotencyKey: `key-${asset._id}-${n}`,
  officer,
  ...extra,
});
const FIELDS =
  'id status rank requestState caseNumber acknowledgedAt executedAt expiresAt activatedAt amount executedAmount exceedsDebt renewalCount';
type Control = {
  id: string;
  status: string;
  rank: number;
  requestState: string;
  caseNumber: string;
  acknowledgedAt: string;
  expiresAt: string | null;
  executedAmount: number | null;
  exceedsDebt: boolean;
  renewalCount: number;
};

// The cases the requests are made through, in the court's own record: open, assigned to the test officer,
// naming the holders of every asset used here as respondents. Case 81 owes little, to test the ceiling.
const respondents = [...new Set([unit, unit2, unit3, deposit, vehicle].flatMap((asset) => asset.ownerIds))];
const CASES: TestCase[] = Array.from({ length: 100 }, (_, n) => ({
  caseNumber: caseNo(n),
  respondentIds: respondents,
  amountOwed: n === 81 ? 4_950_00 : Math.max(500_000_00, (deposit.estimatedValue ?? 0) + 100_00),
}));

/** A case of another court, naming the same respondents: its requests are its own, whatever key they carry. */
const OTHER_COURT_CASE: TestCase = { caseNumber: '（2026）浙0105执9100号', respondentIds: respondents, officerId: '330105-0001' };
const otherCourtOfficer = officerOf({ courtCode: '浙0105', officerId: '330105-0001' });

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'actions', seed: SEED });
  await fileCases(h, [...CASES, OTHER_COURT_CASE]);
});
afterAll(() => h?.stop());

async function call<T = Record<string, Control>>(query: string, variables: Record<string, unknown> = {}) {
  return h.query<T>(query, variables);
}
/** A request sent with the court's notice for its case, as the officer who sends it gets it (unless the input brings one). */
async function withBasis(document: string, input: Record<string, unknown>, caseNumber = input.caseNumber as string) {
  const basis = input.basis ?? (await basisOf(h, caseNumber, actorFor(document)));
  return call(document, { input: { ...input, basis } });
}
const seal = (input: Record<string, unknown>) =>
  withBasis(`mutation($input: ControlRequestInput!) { requestRealEstateControl(input: $input) { ${FIELDS} } }`, input);
const staff = (verb: string, id: string, extra = '') => call(`mutation { ${verb}RealEstateControl(id: "${id}"${extra}) { ${FIELDS} } }`);
/** The court releases or renews one of its measures, through its notice for the case that ordered it. */
async function courtAct(verb: 'release' | 'renew', control: Pick<Control, 'id' | 'caseNumber'>, documentNumber: string) {
  const document = `mutation($basis: String!) { ${verb}RealEstateControl(id: "${control.id}", documentNumber: "${documentNumber}", basis: $basis) { ${FIELDS} } }`;
  return call(document, { basis: await basisOf(h, control.caseNumber, actorFor(document)) });
}
const queueOf = async (assetId: string) => {
  const response = await call<{ realEstateRequests: { nodes: (Control & { assetId: string })[] } }>(
    `{ realEstateRequests(first: 500) { nodes { ${FIELDS} assetId } } }`,
  );
  return (response.data?.realEstateRequests.nodes ?? []).filter((c) => c.assetId === assetId).sort((a, b) => a.rank - b.rank);
};

describe('200 seal requests for one unit from 20 cases at once, each sent 10 times', () => {
  let responses: Awaited<ReturnType<typeof seal>>[] = [];
  beforeAll(async () => {
    const sends = Array.from({ length: 200 }, (_, i) => request(unit, i % 20));
    responses = await Promise.all(sends.map((input) => seal(input)));
  });

  it('records one measure per case, and every retry returns its original, receipt unchanged', () => {
    expect(responses.filter((r) => r.errors)).toEqual([]);
    const byCase = new Map<string, Set<string>>();
    for (const r of responses) {
      const c = r.data?.requestRealEstateControl as Control;
      byCase.set(c.caseNumber, new Set([...(byCase.get(c.caseNumber) ?? []), `${c.id}@${c.acknowledgedAt}`]));
    }
    expect(byCase.size).toBe(20);
    expect([...byCase.values()].every((versions) => versions.size === 1)).toBe(true);
  });

  it('ranks them 0..19 by receipt, without gaps or duplicates; once executed, one is ACTIVE and 19 WAITING', async () => {
    const pending = await queueOf(unit._id);
    expect(pending.map((c) => c.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(pending.every((c) => c.status === 'PENDING' && c.requestState === 'RECEIVED')).toBe(true);
    for (const c of pending) expect((await staff('execute', c.id, ', feedback: "已查封"')).errors).toBeUndefined();
    const queue = await queueOf(unit._id);
    expect(queue.map((c) => c.status)).toEqual(['ACTIVE', ...Array(19).fill('WAITING')]);
    expect(queue.map((c) => c.rank)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(queue[0].expiresAt).not.toBeNull();
    expect(queue.slice(1).every((c) => c.expiresAt === null)).toBe(true); // a waiting seal's period starts when it moves up
    const receipts = queue.map((c) => Date.parse(c.acknowledgedAt));
    expect(receipts).toEqual([...receipts].sort((a, b) => a - b));
  });

  it('promotes the next one when the active seal is released, leaving no gap', async () => {
    const [head, next] = await queueOf(unit._id);
    const released = await courtAct('release', head, '（2026）浙0102执9000号之二');
    expect(released.data?.releaseRealEstateControl.status).toBe('RELEASED');
    const queue = await queueOf(unit._id);
    expect(queue[0].id).toBe(next.id);
    expect(queue.map((c) => c.status)).toEqual(['ACTIVE', ...Array(18).fill('WAITING')]);
    expect(queue.map((c) => c.rank)).toEqual(Array.from({ length: 19 }, (_, i) => i));
    expect(queue[0].expiresAt).not.toBeNull();
  });

  it('renews the active seal by its period, and lapses it unrenewed after expiry so the next moves up', async () => {
    const [head, next] = await queueOf(unit._id);
    const renewed = (await courtAct('renew', head, '续封（2026）1号')).data?.renewRealEstateControl as Control;
    expect(renewed.renewalCount).toBe(1);
    expect(new Date(renewed.expiresAt as string).getUTCFullYear()).toBe(new Date(head.expiresAt as string).getUTCFullYear() + 3);
    const lapsed = await lapseExpired(
      h.subgraphs.get('realestate')!.db.collection<ControlDocument>('controls'),
      new Date(Date.parse(renewed.expiresAt as string) + 1000),
    );
    expect(lapsed).toBeGreaterThanOrEqual(1);
    const queue = await queueOf(unit._id);
    expect(queue[0].id).toBe(next.id);
    expect(queue[0].status).toBe('ACTIVE');
  });
});

describe('the agency side of a request', () => {
  it('moves RECEIVED → ACKNOWLEDGED → EXECUTED, and refuses transitions out of order', async () => {
    const created = (await seal(request(unit2, 50))).data?.requestRealEstateControl as Control;
    expect(created.requestState).toBe('RECEIVED');
    expect((await courtAct('release', created, 'x1')).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect((await staff('acknowledge', created.id)).data?.acknowledgeRealEstateControl.requestState).toBe('ACKNOWLEDGED');
    expect((await staff('acknowledge', created.id)).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect((await staff('execute', created.id, ', feedback: "已查封"')).data?.executeRealEstateControl.status).toBe('ACTIVE');
    expect((await staff('execute', created.id, ', feedback: "again"')).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    expect((await staff('reject', created.id, ', reason: OWNER_MISMATCH, feedback: "late"')).errors?.[0]?.extensions?.code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('rejects with a reason, taking the request out of the queue', async () => {
    const created = (await seal(request(unit2, 51))).data?.requestRealEstateControl as Control;
    expect(created.rank).toBe(1);
    const rejected = (await staff('reject', created.id, ', reason: DOCUMENT_DEFECT, feedback: "文书缺少印章"')).data
      ?.rejectRealEstateControl as Control & { rejectReason: string };
    expect(rejected.status).toBe('REJECTED');
    expect((await queueOf(unit2._id)).map((c) => c.caseNumber)).toEqual([caseNo(50)]);
  });

  it('lets exactly one of a racing execute and reject win, five times over', async () => {
    for (let round = 0; round < 5; round++) {
      const created = (await seal(request(unit2, 60 + round))).data?.requestRealEstateControl as Control;
      const [executed, rejected] = await Promise.all([
        staff('execute', created.id, ', feedback: "已查封"'),
        staff('reject', created.id, ', reason: OUTSIDE_DUTY, feedback: "不属本机关"'),
      ]);
      const winners = [executed, rejected].filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect([executed, rejected].find((r) => r.errors)?.errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
      const final = (await queueOf(unit2._id)).find((c) => c.id === created.id);
      expect(final ? 'EXECUTED' : 'REJECTED').toBe(executed.errors ? 'REJECTED' : 'EXECUTED');
      if (final) await courtAct('release', created, '解封');
    }
  });

  it('refuses a second measure by the same case on the same asset with ALREADY_CONTROLLED, writing nothing', async () => {
    let response: Awaited<ReturnType<typeof seal>> = {};
    const commands = await h.recordCommands(async () => {
      response = await seal(request(unit2, 50, { documentNumber: 'another notice', idempotencyKey: 'another-key-50' }));
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('ALREADY_CONTROLLED');
    expect(writeCommands(commands.values())).toEqual([]);
  });
});

describe('bad requests are refused before anything is written', () => {
  it.each([
    ['a malformed case number', { caseNumber: '2026-9001', basis: 'none' }, 'BAD_USER_INPUT', 'input.caseNumber'],
    ['a party that is not a respondent of the case', { partyId: '11010519491231002X' }, 'FORBIDDEN', 'not a respondent'],
    [
      'an asset its respondent does not hold',
      { partyId: respondents.find((id) => !unit2.ownerIds.includes(id)) },
      'OWNER_MISMATCH',
      unit2._id,
    ],
    ['a measure the register does not take', { measure: 'FREEZE' }, 'BAD_USER_INPUT', 'measure'],
    ['a malformed officer phone', { officer: { name: '王法官', phone: '12345' } }, 'BAD_USER_INPUT', 'input.officer.phone'],
    ['an unknown asset, in the words of one not held', { assetId: '330102001001GB00001F99999999' }, 'OWNER_MISMATCH', 'is not registered'],
    ['a case the court gave no notice for', { basis: 'forged' }, 'FORBIDDEN', 'no legal basis'],
  ])('refuses %s', async (_label, change, code, field) => {
    let response: Awaited<ReturnType<typeof seal>> = {};
    const commands = await h.recordCommands(async () => {
      response = await seal(request(unit2, 70, change));
    });
    expect(response.errors?.[0]?.extensions?.code).toBe(code);
    expect(response.errors?.[0]?.message).toContain(field);
    expect(writeCommands(commands.values())).toEqual([]);
  });
});

describe('amounts and keys', () => {
  it('refuses an executed amount below zero, naming the field, and writes nothing', async () => {
    const created = (await seal(request(unit3, 72))).data?.requestRealEstateControl as Control;
    let response: GraphQLResponse<Record<string, Control>> = {};
    const commands = await h.recordCommands(async () => {
      response = await call(`mutation { executeRealEstateControl(id: "${created.id}", feedback: "已查封", executedAmount: -100) { id } }`);
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'executedAmount' });
    expect(writeCommands(commands.values())).toEqual([]);
  });

  it('keeps idempotency keys within the court: another court’s request under the same key is its own', async () => {
    const ours = (await seal(request(unit3, 73, { idempotencyKey: 'shared-key-73' }))).data?.requestRealEstateControl as Control;
    const theirs = await h.query<{ requestRealEstateControl: Control }>(
      `mutation($input: ControlRequestInput!) { requestRealEstateControl(input: $input) { ${FIELDS} } }`,
      {
        input: {
          ...request(unit3, 73, { idempotencyKey: 'shared-key-73' }),
          caseNumber: OTHER_COURT_CASE.caseNumber,
          basis: await basisOf(h, OTHER_COURT_CASE.caseNumber, otherCourtOfficer),
        },
      },
      { as: otherCourtOfficer },
    );
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data?.requestRealEstateControl.caseNumber).toBe(OTHER_COURT_CASE.caseNumber);
    expect(theirs.data?.requestRealEstateControl.id).not.toBe(ours.id);
  });
});

describe('funds', () => {
  const freeze = (n: number, amount: number, extra: Record<string, unknown> = {}) =>
    withBasis(
      `mutation($input: ControlRequestInput!) { requestFinanceControl(input: $input) { ${FIELDS} } }`,
      request(deposit, n, { measure: 'FREEZE', amount, ...extra }),
    );

  it("freezes online at once, for what the balance holds (PARTIAL when less), and never more than the court's record of the debt plus costs", async () => {
    // Case 81 owes 4,950 yuan: with the 50-yuan fee, 5,000 yuan is the most it may freeze.
    expect((await freeze(81, 10_000_00)).errors?.[0]?.message).toContain('exceeds the debt plus costs');
    expect((await freeze(81, 0)).errors?.[0]?.extensions?.field).toBe('input.amount');
    const balance = deposit.estimatedValue as number;
    const frozen = (await freeze(80, balance + 100_00)).data?.requestFinanceControl as Control;
    expect(frozen.status).toBe('ACTIVE');
    expect(frozen.requestState).toBe('PARTIAL');
    expect(frozen.executedAmount).toBe(balance);
  });

  it('deducts exactly once per transfer reference, however often it is sent, and no more than was frozen', async () => {
    const [active] =
      (
        await call<{ financeRequests: { nodes: (Control & { assetId: string })[] } }>(
          `{ financeRequests(first: 500) { nodes { ${FIELDS} assetId } } }`,
        )
      ).data?.financeRequests.nodes.filter((c) => c.assetId === deposit._id) ?? [];
    const deduct = (reference: string, amount: number) =>
      withBasis(
        'mutation($input: DeductionInput!) { deductFrozenFunds(input: $input) { transferReference amount } }',
        { controlId: active.id, amount, transferReference: reference },
        active.caseNumber,
      );
    const half = Math.floor((active.executedAmount as number) / 2);
    const sent = await Promise.all(Array.from({ length: 10 }, () => deduct('TRF-2026-000001', half)));
    expect(sent.filter((r) => r.errors)).toEqual([]);
    const after = await call<{ financeRequests: { nodes: { id: string; deductedAmount: number }[] } }>(
      `{ financeRequests(first: 500) { nodes { id deductedAmount } } }`,
    );
    const control = after.data?.financeRequests.nodes.find((c) => c.id === active.id);
    expect(control?.deductedAmount).toBe(half);
    expect((await deduct('TRF-2026-000002', (active.executedAmount as number) - half + 1)).errors?.[0]?.message).toContain('exceeds');
    expect((await deduct('TRF-2026-000001', half + 1)).errors?.[0]?.message).toContain('transferReference');
  });
});

describe('one mutation document', () => {
  it('starts measures in several agencies, each answering with its own control', async () => {
    const response = await call<{ seal: Control; impound: Control }>(
      `mutation($a: ControlRequestInput!, $b: ControlRequestInput!) {
        seal: requestRealEstateControl(input: $a) { id status requestState }
        impound: requestVehicleControl(input: $b) { id status requestState }
      }`,
      {
        a: { ...request(unit2, 90), basis: await basisOf(h, caseNo(90)) },
        b: { ...request(vehicle, 90), basis: await basisOf(h, caseNo(90)) },
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.seal.id.startsWith('RE-')).toBe(true);
    expect(response.data?.impound.id.startsWith('VH-')).toBe(true);
  });
});

type Listed = { id: string; courtCode: string; requestState: string; requestedAt: string; expiresAt: string | null };
type ListPage = { nodes: Listed[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
/** Every node of a work list, page by page through its cursor (pages of `first`), as `as`. */
async function everyPage(field: string, args: string, as: Identity, first = 7): Promise<Listed[]> {
  const nodes: Listed[] = [];
  let after: string | null = null;
  for (;;) {
    const document = `query($after: String) { ${field}(${args} first: ${first}, after: $after) { nodes { id courtCode requestState requestedAt expiresAt } pageInfo { endCursor hasNextPage } } }`;
    const response: GraphQLResponse<Record<string, ListPage>> = await h.query<Record<string, ListPage>>(document, { after }, { as });
    expect(response.errors).toBeUndefined();
    const page: ListPage | undefined = response.data?.[field];
    nodes.push(...(page?.nodes ?? []));
    if (!page?.pageInfo.hasNextPage) return nodes;
    after = page.pageInfo.endCursor;
  }
}

/** The finance register's measures in force that expire within `days`, read straight from its database. */
async function expiringInDatabase(days: number): Promise<ControlDocument[]> {
  const client = new MongoClient(testMongoUri());
  try {
    const until = new Date(Date.now() + days * 86_400_000);
    const controls = client.db(h.databaseName('finance')).collection<ControlDocument>('controls');
    return await controls
      .find({ state: 'IN_QUEUE', expiresAt: { $ne: null, $lte: until } })
      .sort({ expiresAt: 1, _id: 1 })
      .toArray();
  } finally {
    await client.close();
  }
}

describe('work lists', () => {
  it('give court staff the expiring measures of their own court only, soonest first, each once across pages', async () => {
    const expiring = await expiringInDatabase(366);
    const courts = [...new Set(expiring.map((c) => c.courtCode))];
    expect(courts.length).toBeGreaterThan(1);
    const busiest = courts.sort(
      (a, b) => expiring.filter((c) => c.courtCode === b).length - expiring.filter((c) => c.courtCode === a).length,
    )[0];
    const officer = officerOf({ courtCode: busiest, officerId: `${busiest}-officer` });
    const listed = await everyPage('financeExpiring', 'withinDays: 366,', officer);
    expect(listed.map((c) => c.id)).toEqual(expiring.filter((c) => c.courtCode === busiest).map((c) => c._id));
    expect(listed.length).toBeGreaterThan(7); // more than one page
  });

  it('give the register’s staff every expiring measure, and refuse a cursor they were not given or a page over 500 by naming the field', async () => {
    const expiring = await expiringInDatabase(30);
    expect((await everyPage('financeExpiring', 'withinDays: 30,', staffOf('FINANCE'), 50)).map((c) => c.id)).toEqual(
      expiring.map((c) => c._id),
    );
    const forged = Buffer.from(JSON.stringify(['SOMEWHERE', new Date().toISOString(), 'x'])).toString('base64url');
    for (const [args, field] of [
      [`first: 501`, 'first'],
      [`after: "${forged}"`, 'after'],
      ['after: "not a cursor"', 'after'],
    ]) {
      const response = await h.query(`{ financeExpiring(withinDays: 30, ${args}) { nodes { id } } }`, {}, { as: staffOf('FINANCE') });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('give the register’s staff what needs action first: received requests, then acknowledged ones, then the measures in force, oldest first in each', async () => {
    const received = (await seal(request(unit3, 95))).data?.requestRealEstateControl as Control;
    const taken = (await seal(request(unit3, 96))).data?.requestRealEstateControl as Control;
    expect((await staff('acknowledge', taken.id)).errors).toBeUndefined();
    const listed = await everyPage('realEstateRequests', '', staffOf('REALESTATE'), 25);
    const part = (state: string) => ['RECEIVED', 'ACKNOWLEDGED'].indexOf(state) >>> 0; // EXECUTED and PARTIAL last
    const order = listed.map((c) => [part(c.requestState), Date.parse(c.requestedAt)]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
    expect(new Set(listed.map((c) => c.id)).size).toBe(listed.length);
    expect(listed.filter((c) => c.requestState === 'RECEIVED').map((c) => c.id)).toContain(received.id);
    expect(listed.find((c) => c.id === taken.id)?.requestState).toBe('ACKNOWLEDGED');
    expect(listed.some((c) => c.requestState === 'EXECUTED')).toBe(true);
  });
});
