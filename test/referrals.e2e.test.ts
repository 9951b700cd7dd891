import type { CaseDocument } from '../subgraphs/court/model';
import { startHarness, writeCommands, type Harness } from './harness';
import {
  answered,
  closedCase,
  DAY,
  movableClock,
  openCases,
  referralApi,
  referralInput,
  SEED,
  T0,
  type ReferralStateName,
} from './referralClient';

let h: Harness;
let api: ReturnType<typeof referralApi>;
const clock = movableClock();
let caseIndex = 0;
/** Each test refers its own open cases, so counts and numbers do not depend on the order tests run in. */
const nextCase = (): CaseDocument => openCases[caseIndex++];

beforeAll(async () => {
  h = await startHarness({ name: 'referrals', seed: SEED, clock: clock.clock });
  api = referralApi(h);
});
afterAll(() => h?.stop());
beforeEach(() => clock.at(T0));

const iso = (days: number) => new Date(T0.getTime() + days * DAY).toISOString();

const referredIn = (state: ReferralStateName) => api.inState(nextCase(), state);

describe('a referral the police file', () => {
  it('goes REFERRED → RECEIPTED → FILED with its deadlines met', async () => {
    const theCase = nextCase();
    const referred = answered(await api.refer(referralInput(theCase)));
    expect(referred).toMatchObject({
      id: `${theCase._id}拒执移送之一`,
      state: 'REFERRED',
      receiptAt: null,
      deadlines: [{ kind: 'RECEIPT', dueAt: iso(3), status: 'DUE', metAt: null }],
      privateProsecutionAvailable: false,
      enforcementCase: { caseNumber: theCase._id },
      suspect: { caseNumber: theCase._id, partyId: theCase.respondentIds[0], role: 'RESPONDENT', party: { id: theCase.respondentIds[0] } },
    });

    clock.day(1);
    const receipted = answered(await api.receipt(referred.id));
    expect(receipted.state).toBe('RECEIPTED');
    expect(receipted.receiptAt).toBe(iso(1));
    expect(receipted.deadlines).toEqual([
      { kind: 'RECEIPT', dueAt: iso(3), status: 'MET', metAt: iso(1) },
      { kind: 'DECISION', dueAt: iso(8), status: 'DUE', metAt: null },
    ]);

    clock.day(5);
    const filed = answered(await api.decide(referred.id, 'FILED', { policeCaseNumber: 'A3301020000002026030001' }));
    expect(filed).toMatchObject({
      state: 'FILED',
      decision: 'FILED',
      decidedAt: iso(5),
      policeCaseNumber: 'A3301020000002026030001',
      reportedToCourtAt: null,
    });
    expect(filed.deadlines.map((d) => d.status)).toEqual(['MET', 'MET']);
    clock.day(60);
    expect(await api.get(referred.id)).toMatchObject({ state: 'FILED', privateProsecutionAvailable: false });
  });
});

describe('a referral the police refuse', () => {
  it('records the refusal as reported to the court, opens private prosecution, and may be supervised', async () => {
    const r = await referredIn('RECEIPTED');
    clock.day(2);
    const refused = answered(await api.decide(r.id, 'REFUSED', { reason: '没有犯罪事实' }));
    expect(refused).toMatchObject({
      state: 'REFUSED',
      decision: 'REFUSED',
      decidedAt: iso(2),
      refusalReason: '没有犯罪事实',
      reportedToCourtAt: iso(2),
    });
    expect(refused.privateProsecutionAvailable).toBe(true);

    clock.day(4);
    const supervised = answered(await api.supervise(r.id, '检察院要求公安机关说明不立案理由'));
    expect(supervised).toMatchObject({
      state: 'SUPERVISED',
      supervisedAt: iso(4),
      supervisionNote: '检察院要求公安机关说明不立案理由',
      refusalReason: '没有犯罪事实',
    });
    expect(supervised.privateProsecutionAvailable).toBe(true);
  });

  it('lets the procuratorate step in once the decision is overdue, not before (30 days when complex)', async () => {
    const simple = await referredIn('RECEIPTED');
    const complex = answered(await api.receipt(answered(await api.refer(referralInput(nextCase(), { complex: true }))).id));
    expect(complex.deadlines[1]).toEqual({ kind: 'DECISION', dueAt: iso(30), status: 'DUE', metAt: null });
    clock.day(7);
    expect((await api.supervise(simple.id, '逾期未作决定')).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    clock.at(T0.getTime() + 7 * DAY + 1);
    expect(answered(await api.supervise(simple.id, '逾期未作决定')).state).toBe('SUPERVISED');
    clock.day(29);
    expect((await api.supervise(complex.id, '逾期未作决定')).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
    clock.day(31);
    expect(answered(await api.supervise(complex.id, '逾期未作决定')).state).toBe('SUPERVISED');
  });
});

describe('invalid transitions', () => {
  type Action = 'receipt' | 'file' | 'refuse' | 'supervise';
  const attempts: [string, Action][] = [
    ['REFERRED', 'file'],
    ['REFERRED', 'refuse'],
    ['REFERRED', 'supervise'],
    ['RECEIPTED', 'receipt'],
    ['RECEIPTED', 'supervise'],
    ['FILED', 'receipt'],
    ['FILED', 'file'],
    ['FILED', 'refuse'],
    ['FILED', 'supervise'],
    ['REFUSED', 'receipt'],
    ['REFUSED', 'file'],
    ['REFUSED', 'refuse'],
    ['SUPERVISED', 'receipt'],
    ['SUPERVISED', 'file'],
    ['SUPERVISED', 'refuse'],
    ['SUPERVISED', 'supervise'],
  ];
  const run = (action: Action, id: string) => {
    if (action === 'receipt') return api.receipt(id);
    if (action === 'file') return api.decide(id, 'FILED', { policeCaseNumber: 'A3301020000002026030009' });
    if (action === 'refuse') return api.decide(id, 'REFUSED', { reason: '证据不足' });
    return api.supervise(id, '监督');
  };

  it.each(attempts)('refuses, from %s, to %s: INVALID_TRANSITION and nothing written', async (state, action) => {
    const before = await referredIn(state as ReferralStateName);
    clock.day(1);
    let response: Awaited<ReturnType<typeof run>> = {};
    const commands = await h.recordCommands(async () => {
      response = await run(action, before.id);
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state, id: before.id });
    expect(writeCommands(commands.values())).toEqual([]);
    clock.at(T0);
    expect(await api.get(before.id)).toEqual(before);
  });

  it('refuses a referral of a case that is no longer OPEN, writing nothing', async () => {
    let response: Awaited<ReturnType<typeof api.refer>> = {};
    const commands = await h.recordCommands(async () => {
      response = await api.refer(referralInput(closedCase));
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_TRANSITION',
      field: 'input.caseNumber',
      state: closedCase.status,
    });
    expect(writeCommands(commands.values())).toEqual([]);
  });

  it('lets exactly one of two racing transitions win', async () => {
    for (let round = 0; round < 5; round++) {
      const r = await referredIn('RECEIPTED');
      const [filed, refused] = await Promise.all([
        api.decide(r.id, 'FILED', { policeCaseNumber: `A33010200000020260300${round}` }),
        api.decide(r.id, 'REFUSED', { reason: '证据不足' }),
      ]);
      const winners = [filed, refused].filter((response) => response.data?.r);
      const losers = [filed, refused].filter((response) => response.errors);
      expect(winners).toHaveLength(1);
      expect(losers.map((response) => response.errors?.[0]?.extensions?.code)).toEqual(['INVALID_TRANSITION']);
      expect((await api.get(r.id))?.state).toBe(winners[0].data?.r.state);
    }
    const r = await referredIn('REFERRED');
    const receipts = await Promise.all(Array.from({ length: 6 }, () => api.receipt(r.id)));
    expect(receipts.filter((response) => response.data?.r)).toHaveLength(1);
  });

  it('refuses a referral that does not exist as one sent elsewhere, in the same words', async () => {
    const response = await api.receipt('（2026）浙0102执1号拒执移送之九');
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.errors?.[0]?.message).toBe('no referral （2026）浙0102执1号拒执移送之九 is addressed to you');
  });
});
