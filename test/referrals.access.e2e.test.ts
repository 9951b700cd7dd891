import type { CaseDocument } from '../subgraphs/court/model';
import { startHarness, writeCommands, type GraphQLResponse, type Harness } from './harness';
import type { Identity } from '../platform/identity';
import { divisionHeadOf, officerOf, policeOf, procuratorateOf } from './identities';
import { answered, movableClock, openCases, REFERRAL, referralApi, referralInput, SEED, T0, type Referral } from './referralClient';

let h: Harness;
let api: ReturnType<typeof referralApi>;
const clock = movableClock();

// Cases of two courts, and an officer of the first court to whom its case is not assigned.
const ours = openCases[0];
const theirs = openCases.find((c) => c.courtCode !== ours.courtCode) as CaseDocument;
const spare = openCases.filter((c) => c !== ours && c !== theirs);
const unassigned: Identity = {
  userId: 'officer-unassigned',
  roles: ['OFFICER'],
  court: ours.courtCode,
  officerId: `${ours.officerId}-other`,
};
const STATION = '杭州市公安局上城区分局';

beforeAll(async () => {
  h = await startHarness({ name: 'referrals_access', seed: SEED, clock: clock.clock });
  api = referralApi(h);
});
afterAll(() => h?.stop());
beforeEach(() => clock.at(T0));

const REFER = `mutation($input: RefusalReferralInput!) { r: referRefusalToExecute(input: $input) { id } }`;
const READ = `query($id: ID!) { refusalReferral(id: $id) { id } }`;
const RECEIPT = `mutation($id: ID!) { r: receiptRefusalReferral(id: $id) { id state } }`;
const SUPERVISE = `mutation($id: ID!) { r: superviseRefusalReferral(id: $id, note: "监督") { id state } }`;

/** Sends `send` and asserts it was refused with FORBIDDEN and wrote nothing anywhere. */
async function refusedWithoutWrite(send: () => Promise<GraphQLResponse<unknown>>): Promise<string | undefined> {
  let response: GraphQLResponse<unknown> = {};
  const commands = await h.recordCommands(async () => {
    response = await send();
  });
  expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(writeCommands(commands.values())).toEqual([]);
  return response.errors?.[0]?.message;
}

describe('the court refers', () => {
  it('only through a case of the caller’s: another court’s, an unassigned one and a missing one are refused alike, before any write', async () => {
    const missing = '（2026）浙0102执999999号';
    const messages = await Promise.all([
      refusedWithoutWrite(() => h.query(REFER, { input: referralInput(ours) }, { as: officerOf(theirs) })),
      refusedWithoutWrite(() => h.query(REFER, { input: referralInput(ours) }, { as: unassigned })),
      refusedWithoutWrite(() => h.query(REFER, { input: referralInput(ours, { caseNumber: missing }) }, { as: officerOf(theirs) })),
    ]);
    expect(messages.map((m) => m?.replace(/（\d+）[^号]+号/, '<case>'))).toEqual(
      Array(3).fill('no legal basis to act through <case>: not a case of yours'),
    );
    // A division head of the case's own court may.
    expect(
      answered(await h.query<Record<string, Referral>>(REFER, { input: referralInput(ours) }, { as: divisionHeadOf(ours.courtCode) })).id,
    ).toBe(`${ours._id}拒执移送之一`);
  });

  it('keeps idempotency keys within the court: another court’s same key makes its own referral', async () => {
    const input = referralInput(ours);
    const first = answered(await api.refer(input));
    const other = answered(
      await h.query<Record<string, Referral>>(
        REFER,
        { input: { ...referralInput(theirs), idempotencyKey: input.idempotencyKey } },
        { as: officerOf(theirs) },
      ),
    );
    expect(other.id).not.toBe(first.id);
    expect(other.id.startsWith(theirs._id)).toBe(true);
  });

  it('shows a case’s referrals only to its own officer and division heads', async () => {
    const referral = answered(await api.refer(referralInput(ours)));
    const LIST = `query($n: String!) { enforcementCase(caseNumber: $n) { refusalReferrals { id } } }`;
    const listed = async (as: Identity) =>
      (
        await h.query<{ enforcementCase: { refusalReferrals: { id: string }[] } }>(LIST, { n: ours._id }, { as })
      ).data?.enforcementCase.refusalReferrals.map((r) => r.id);
    expect(await listed(officerOf(ours))).toContain(referral.id);
    expect(await listed(divisionHeadOf(ours.courtCode))).toContain(referral.id);
    expect(await listed(unassigned)).toEqual([]);
    expect((await h.query<{ refusalReferral: unknown }>(READ, { id: referral.id }, { as: unassigned })).data?.refusalReferral).toBeNull();
    expect(
      (await h.query<{ refusalReferral: unknown }>(READ, { id: referral.id }, { as: officerOf(theirs) })).data?.refusalReferral,
    ).toBeNull();
  });
});

describe('the police', () => {
  it('of another station neither read nor receipt a referral, and a missing one reads the same', async () => {
    const referral = answered(await api.refer(referralInput(ours, { policeStation: STATION })));
    const elsewhere = policeOf('宁波市公安局海曙分局');
    expect((await h.query<{ refusalReferral: unknown }>(READ, { id: referral.id }, { as: elsewhere })).data?.refusalReferral).toBeNull();
    expect(
      (await h.query<{ refusalReferral: unknown }>(READ, { id: `${referral.id}九` }, { as: policeOf(STATION) })).data?.refusalReferral,
    ).toBeNull();
    const message = await refusedWithoutWrite(() => h.query(RECEIPT, { id: referral.id }, { as: elsewhere }));
    expect(message).toBe(`no referral ${referral.id} is addressed to you`);
    expect(
      (await h.query<{ refusalReferral: { id: string } }>(READ, { id: referral.id }, { as: policeOf(STATION) })).data?.refusalReferral?.id,
    ).toBe(referral.id);
  });

  it('page through their work list with a cursor, what needs action first', async () => {
    const station = '衢州市公安局柯城分局';
    const [a, b, c] = spare.slice(0, 3);
    clock.day(1);
    const waiting = answered(await api.refer(referralInput(b, { policeStation: station })));
    clock.day(2);
    const newer = answered(await api.refer(referralInput(c, { policeStation: station })));
    const receipted = answered(await api.refer(referralInput(a, { policeStation: station })));
    answered(await api.receipt(receipted.id));
    const PAGE = `query($after: String) { refusalReferralsForPolice(first: 2, after: $after) { nodes { id state } pageInfo { endCursor hasNextPage } } }`;
    type Page = {
      refusalReferralsForPolice: { nodes: { id: string; state: string }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
    };
    const first = (await h.query<Page>(PAGE, {}, { as: policeOf(station) })).data?.refusalReferralsForPolice;
    expect(first?.nodes.map((r) => r.id)).toEqual([waiting.id, newer.id]);
    expect(first?.pageInfo.hasNextPage).toBe(true);
    const second = (await h.query<Page>(PAGE, { after: first?.pageInfo.endCursor }, { as: policeOf(station) })).data
      ?.refusalReferralsForPolice;
    expect(second?.nodes).toEqual([{ id: receipted.id, state: 'RECEIPTED' }]);
    expect(second?.pageInfo.hasNextPage).toBe(false);
  });
});

describe('the procuratorate', () => {
  it('supervises only in its region, and its work list holds what it may supervise now', async () => {
    const [refusedCase, overdueCase, pendingCase] = spare.slice(3, 6);
    const refused = await api.inState(refusedCase, 'REFUSED');
    const overdue = await api.inState(overdueCase, 'RECEIPTED');
    clock.day(8); // the decision (due day 7) is overdue; a referral receipted today is not
    const pending = await api.inState(pendingCase, 'RECEIPTED');
    const region = refusedCase.courtCode.slice(0, 3); // 浙01 and the like: the city of the court
    const outside = procuratorateOf('浙72');
    if (!refusedCase.courtCode.startsWith('浙72')) {
      await refusedWithoutWrite(() => h.query(SUPERVISE, { id: refused.id }, { as: outside }));
      expect((await h.query<{ refusalReferral: unknown }>(READ, { id: refused.id }, { as: outside })).data?.refusalReferral).toBeNull();
    }
    const LIST = `{ refusalReferralsForSupervision(first: 500) { nodes { id state } } }`;
    const listed =
      (
        await h.query<{ refusalReferralsForSupervision: { nodes: { id: string; state: string }[] } }>(
          LIST,
          {},
          { as: procuratorateOf('浙') },
        )
      ).data?.refusalReferralsForSupervision.nodes ?? [];
    const ids = listed.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([refused.id, overdue.id]));
    expect(ids).not.toContain(pending.id);
    expect(ids.indexOf(refused.id)).toBeLessThan(ids.indexOf(overdue.id));
    const mine = (
      await h.query<{ refusalReferralsForSupervision: { nodes: { id: string }[] } }>(LIST, {}, { as: procuratorateOf(region) })
    ).data?.refusalReferralsForSupervision.nodes.map((r) => r.id);
    expect(mine).toContain(refused.id);
    expect(mine?.every((id) => id.includes(`）${region}`))).toBe(true);
    const supervised = answered(
      await h.query<Record<string, Referral>>(
        `mutation($id: ID!) { r: superviseRefusalReferral(id: $id, note: "检察院要求说明理由") { ${REFERRAL} } }`,
        { id: refused.id },
        { as: procuratorateOf(region) },
      ),
    );
    expect(supervised.state).toBe('SUPERVISED');
  });
});
