import { findBatches, startHarness, type Harness } from './harness';
import { actorForCases, divisionHeadOf, policeOf } from './identities';
import { answered, DAY, movableClock, openCases, referralApi, referralInput, SEED, T0 } from './referralClient';

let h: Harness;
let api: ReturnType<typeof referralApi>;
const clock = movableClock();

beforeAll(async () => {
  h = await startHarness({ name: 'referrals_deadlines', seed: SEED, clock: clock.clock });
  api = referralApi(h);
});
afterAll(() => h?.stop());

const iso = (days: number) => new Date(T0.getTime() + days * DAY).toISOString();
const justAfter = (days: number) => T0.getTime() + days * DAY + 1;

interface CaseView {
  enforcementCase: {
    overdueDeadlines: number;
    refusalReferrals: { id: string; state: string; deadlines: { kind: string; status: string }[] }[];
  };
}
const CASE = `query($n: String!) { enforcementCase(caseNumber: $n) { overdueDeadlines refusalReferrals { id state deadlines { kind status } } } }`;
const caseView = async (caseNumber: string) =>
  (await h.query<CaseView>(CASE, { n: caseNumber }, { as: actorForCases(CASE, { n: caseNumber }, openCases) })).data?.enforcementCase;

describe('deadlines as the clock moves', () => {
  const theCase = openCases[0];
  let id: string;
  const view = async () => (await api.get(id))!;

  it('shows the receipt DUE, then OVERDUE, then ESCALATED when overdue by more than 7 days', async () => {
    clock.at(T0);
    id = answered(await api.refer(referralInput(theCase, { policeStation: '宁波市公安局海曙分局' }))).id;
    expect((await caseView(theCase._id))?.overdueDeadlines).toBe(0);
    clock.day(3);
    expect((await view()).deadlines).toEqual([{ kind: 'RECEIPT', dueAt: iso(3), status: 'DUE', metAt: null }]);
    clock.at(justAfter(3));
    expect((await view()).deadlines[0].status).toBe('OVERDUE');
    expect(await caseView(theCase._id)).toEqual({
      overdueDeadlines: 1,
      refusalReferrals: [{ id, state: 'REFERRED', deadlines: [{ kind: 'RECEIPT', status: 'OVERDUE' }] }],
    });
    clock.day(10);
    expect((await view()).deadlines[0].status).toBe('OVERDUE');
    clock.at(justAfter(10));
    expect((await view()).deadlines[0].status).toBe('ESCALATED');
    expect((await caseView(theCase._id))?.overdueDeadlines).toBe(1);
  });

  it('opens private prosecution after more than 15 days of silence', async () => {
    clock.day(15);
    expect((await view()).privateProsecutionAvailable).toBe(false);
    clock.at(justAfter(15));
    expect((await view()).privateProsecutionAvailable).toBe(true);
  });

  it('meets a late receipt, starts the decision period, and keeps counting the silence', async () => {
    clock.day(16);
    const receipted = answered(await api.receipt(id));
    expect(receipted.deadlines).toEqual([
      { kind: 'RECEIPT', dueAt: iso(3), status: 'MET', metAt: iso(16) },
      { kind: 'DECISION', dueAt: iso(23), status: 'DUE', metAt: null },
    ]);
    expect(receipted.privateProsecutionAvailable).toBe(true);
    expect((await caseView(theCase._id))?.overdueDeadlines).toBe(0);
    clock.at(justAfter(23));
    expect((await view()).deadlines[1].status).toBe('OVERDUE');
    clock.at(justAfter(30));
    expect((await view()).deadlines[1].status).toBe('ESCALATED');
    expect((await caseView(theCase._id))?.overdueDeadlines).toBe(1);
  });

  it('closes the deadlines and private prosecution once the police file', async () => {
    clock.day(40);
    const filed = answered(await api.decide(id, 'FILED', { policeCaseNumber: 'A3302030000002026040001' }));
    expect(filed.deadlines.map((d) => [d.kind, d.status])).toEqual([
      ['RECEIPT', 'MET'],
      ['DECISION', 'MET'],
    ]);
    expect(filed.privateProsecutionAvailable).toBe(false);
    expect((await caseView(theCase._id))?.overdueDeadlines).toBe(0);
  });
});

describe('the case and the police station', () => {
  const theCase = openCases[1];
  const station = '温州市公安局鹿城分局';

  it('shows every referral of the case with its state, and counts overdue deadlines across them', async () => {
    clock.at(T0);
    const quiet = answered(await api.refer(referralInput(theCase, { policeStation: station })));
    const prompt = answered(
      await api.receipt(
        answered(await api.refer(referralInput(theCase, { policeStation: station, suspectId: theCase.respondentIds.at(-1) }))).id,
      ),
    );
    clock.day(9); // the quiet one's receipt is overdue, the prompt one's decision (due day 7) too
    const view = await caseView(theCase._id);
    expect(view?.refusalReferrals.map((r) => [r.id, r.state])).toEqual([
      [quiet.id, 'REFERRED'],
      [prompt.id, 'RECEIPTED'],
    ]);
    expect(view?.overdueDeadlines).toBe(2);
    answered(await api.decide(prompt.id, 'REFUSED', { reason: '不符合立案条件' }));
    expect((await caseView(theCase._id))?.overdueDeadlines).toBe(1);
  });

  it('lists the caller’s station’s referrals, what needs a receipt or decision first, optionally in one state', async () => {
    const LIST = `query($state: ReferralState) { refusalReferralsForPolice(state: $state) { nodes { id state } pageInfo { hasNextPage } } }`;
    type List = { refusalReferralsForPolice: { nodes: { id: string; state: string }[]; pageInfo: { hasNextPage: boolean } } };
    const as = { as: policeOf(station) };
    const all = (await h.query<List>(LIST, {}, as)).data?.refusalReferralsForPolice;
    expect(all?.nodes.map((r) => r.state)).toEqual(['REFERRED', 'REFUSED']);
    expect(all?.pageInfo.hasNextPage).toBe(false);
    const refused = (await h.query<List>(LIST, { state: 'REFUSED' }, as)).data?.refusalReferralsForPolice;
    expect(refused?.nodes).toEqual([all?.nodes[1]]);
    const elsewhere = (await h.query<List>(LIST, {}, { as: policeOf('舟山市公安局定海分局') })).data?.refusalReferralsForPolice;
    expect(elsewhere?.nodes).toEqual([]);
  });

  it('loads the referrals of a page of cases with one query', async () => {
    const LIST = `query($court: String!) { casesOfCourt(courtCode: $court, first: 50) { nodes { caseNumber overdueDeadlines refusalReferrals { id deadlines { status } } } } }`;
    const commands = await h.recordCommands(() => h.query(LIST, { court: theCase.courtCode }, { as: divisionHeadOf(theCase.courtCode) }));
    const referralFinds = (commands.get('court') ?? []).filter((e) => e.command.find === 'refusalReferrals');
    expect(findBatches(referralFinds, h.databaseName('court'))).toHaveLength(1);
  });
});
