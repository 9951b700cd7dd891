import type { CaseDocument } from '../subgraphs/court/model';
import { startHarness, writeCommands, type Harness } from './harness';
import { officerOf } from './identities';
import { answered, DAY, movableClock, openCases, referralApi, referralInput, SEED, T0, type Referral } from './referralClient';

let h: Harness;
let api: ReturnType<typeof referralApi>;
const clock = movableClock();
let caseIndex = 0;
const nextCase = (): CaseDocument => openCases[caseIndex++];

beforeAll(async () => {
  h = await startHarness({ name: 'referrals_input', seed: SEED, clock: clock.clock });
  api = referralApi(h);
});
afterAll(() => h?.stop());
beforeEach(() => clock.at(T0));

const iso = (days: number) => new Date(T0.getTime() + days * DAY).toISOString();

describe('bad input', () => {
  const theCase = openCases[openCases.length - 1];
  const otherCase = openCases[openCases.length - 2];
  let receipted: Referral;
  beforeAll(async () => {
    clock.at(T0);
    receipted = await api.inState(nextCase(), 'RECEIPTED');
  });

  const refusals: [string, () => ReturnType<typeof api.refer>, string][] = [
    ['a malformed case number', () => api.refer(referralInput(theCase, { caseNumber: '2026-浙0102-执-1' })), 'input.caseNumber'],
    ['a malformed suspect id', () => api.refer(referralInput(theCase, { suspectId: '330102199001011230' })), 'input.suspectId'],
    ['an applicant as suspect', () => api.refer(referralInput(theCase, { suspectId: theCase.applicantIds[0] })), 'input.suspectId'],
    [
      'a respondent of another case',
      () => api.refer(referralInput(theCase, { suspectId: otherCase.respondentIds.find((id) => !theCase.respondentIds.includes(id)) })),
      'input.suspectId',
    ],
    ['a blank police station', () => api.refer(referralInput(theCase, { policeStation: '  ' })), 'input.policeStation'],
    ['blank facts', () => api.refer(referralInput(theCase, { facts: '' })), 'input.facts'],
    ['no evidence', () => api.refer(referralInput(theCase, { evidence: [] })), 'input.evidence'],
    [
      'evidence without a title',
      () =>
        api.refer(
          referralInput(theCase, {
            evidence: [
              { title: '银行流水', description: '转账记录' },
              { title: ' ', description: '转让合同' },
            ],
          }),
        ),
      'input.evidence[1].title',
    ],
    ['a short idempotency key', () => api.refer(referralInput(theCase, { idempotencyKey: 'abc' })), 'input.idempotencyKey'],
    ['filing without a police case number', () => api.decide(receipted.id, 'FILED'), 'policeCaseNumber'],
    ['refusing without a reason', () => api.decide(receipted.id, 'REFUSED', { reason: '  ' }), 'reason'],
    ['supervising without a note', () => api.supervise(receipted.id, ''), 'note'],
    ['a blank referral id', () => api.receipt(' '), 'id'],
  ];

  it.each(refusals)('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_label, send, field) => {
    let response: Awaited<ReturnType<typeof send>> = {};
    const commands = await h.recordCommands(async () => {
      response = await send();
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(response.errors?.[0]?.message).toContain(field);
    expect(writeCommands(commands.values())).toEqual([]);
  });

  it('leaves a referral untouched by refused input', async () => {
    expect(await api.get(receipted.id)).toEqual(receipted);
  });

  it.each([
    ['a page of 0', { first: 0 }, 'first'],
    ['a page of 501', { first: 501 }, 'first'],
    ['a cursor it did not return', { after: 'bm90IGEgY3Vyc29y' }, 'after'],
  ])('refuses a police work list with %s', async (_label, variables, field) => {
    const response = await h.query(
      `query($first: Int, $after: String) { refusalReferralsForPolice(first: $first, after: $after) { nodes { id } } }`,
      variables,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});

describe('retrying a referral', () => {
  it('returns the original for the same key, writing nothing, and numbers a new referral of the case next', async () => {
    const theCase = nextCase();
    const input = referralInput(theCase);
    const first = answered(await api.refer(input));
    clock.day(2);
    let retry: Awaited<ReturnType<typeof api.refer>> = {};
    const commands = await h.recordCommands(async () => {
      retry = await api.refer({ ...input, facts: '重试时的文字不同也不影响' });
    });
    expect(writeCommands(commands.values())).toEqual([]);
    expect(answered(retry)).toMatchObject({ id: first.id, receiptAt: null, deadlines: [{ kind: 'RECEIPT', dueAt: iso(3) }] });
    const second = answered(await api.refer(referralInput(theCase)));
    expect(second.id).toBe(`${theCase._id}拒执移送之二`);
  });

  it('records concurrent retries once', async () => {
    const theCase = nextCase();
    const input = referralInput(theCase);
    const responses = await Promise.all(Array.from({ length: 5 }, () => api.refer(input)));
    expect(new Set(responses.map((response) => answered(response).id))).toEqual(new Set([`${theCase._id}拒执移送之一`]));
    const listed = await h.query<{ enforcementCase: { refusalReferrals: { id: string }[] } }>(
      `query($n: String!) { enforcementCase(caseNumber: $n) { refusalReferrals { id } } }`,
      { n: theCase._id },
      { as: officerOf(theCase) },
    );
    expect(listed.data?.enforcementCase.refusalReferrals).toEqual([{ id: `${theCase._id}拒执移送之一` }]);
  });

  it('numbers concurrent referrals of one case one after another', async () => {
    const theCase = nextCase();
    const responses = await Promise.all(Array.from({ length: 4 }, () => api.refer(referralInput(theCase))));
    expect(responses.map((response) => answered(response).id).sort()).toEqual(
      ['一', '二', '三', '四'].map((n) => `${theCase._id}拒执移送之${n}`).sort(),
    );
  });

  it('refuses a key already used for another case of the court', async () => {
    const theCase = nextCase();
    const input = referralInput(theCase);
    answered(await api.refer(input));
    const sibling = openCases.slice(caseIndex).find((c) => c.courtCode === theCase.courtCode) as CaseDocument;
    const response = await api.refer({ ...input, caseNumber: sibling._id, suspectId: sibling.respondentIds[0] });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.idempotencyKey' });
  });
});
