import { identityHeaders } from '../../platform/internalToken';
import { createRandom, generateBankCard, generateCitizenId, generatePhone } from '../../domain/identifiers';
import { participantIdOf } from './ids';
import type { Identity } from '../../platform/identity';
import {
  ANALYST,
  ANNOUNCE,
  codeOf,
  dataOf,
  DECLARE,
  DIVISION_HEAD,
  IMPORT,
  REGISTER,
  startVictims,
  VERIFY,
  type VictimsHarness,
} from '../../test/victimsHarness';

const BIG = '（2025）浙0102执300号';
const SMALL = '（2025）浙0102执301号';
const random = createRandom('victims-access');
const make = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    name: `李${'一二三四五六七八九十甲乙丙'[i]}`,
    citizenId: generateCitizenId(random),
    phone: generatePhone(random),
    bankCard: generateBankCard(random),
  }));
const big = make(13);
const small = make(3);
let h: VictimsHarness;
const me = () => participantIdOf(BIG, big[0].citizenId);
const asMe = () => ({ caller: { role: 'PARTICIPANT' as const, participantId: me() } });
const SUMMARY = `query($c: String!, $basis: String) { massCase(caseNumber: $c, basis: $basis) { summary { registered verified allowedClaims payees payable escrowCount escrow suppressed } } }`;

async function setUp(caseNumber: string, people: typeof big, unregistered: number): Promise<void> {
  const basis = h.notice(caseNumber);
  dataOf(await h.query(DECLARE, { c: caseNumber, n: '涉众案件', basis }));
  for (const p of people.slice(0, people.length - unregistered)) dataOf(await h.query(REGISTER, { i: { caseNumber, ...p }, basis }));
  dataOf(await h.query(IMPORT, { c: caseNumber, csv: people.map((p) => `${p.citizenId},${p.name},1000000,0,0`).join('\n'), basis }));
  dataOf(await h.query(VERIFY, { c: caseNumber, basis }));
  dataOf(await h.query(ANNOUNCE, { c: caseNumber, p: 500_000 * people.length, basis }));
}

beforeAll(async () => {
  h = await startVictims('victims_access');
  await setUp(BIG, big, 2);
  await setUp(SMALL, small, 0);
});
afterAll(() => h?.stop());

describe('a participant', () => {
  it('reads their own registration, claim and allocation, with identifiers masked', async () => {
    const own = dataOf(
      await h.query<{
        me: { id: string; citizenId: string; phone: string; claim: { amount: number; status: string }; allocations: { amount: number }[] };
      }>(`{ me { id citizenId phone claim { amount status } allocations { amount } } }`, undefined, asMe()),
    );
    expect(own.me).toMatchObject({ id: me(), claim: { amount: 1_000_000, status: 'VERIFIED' }, allocations: [{ amount: 500_000 }] });
    expect(own.me.citizenId).toBe(`${big[0].citizenId.slice(0, 6)}********${big[0].citizenId.slice(-4)}`);
    expect(own.me.phone).toBe(`${big[0].phone.slice(0, 3)}****${big[0].phone.slice(-4)}`);
  });

  it('cannot read anyone else, nor the case figures, nor act as staff', async () => {
    const other = participantIdOf(BIG, big[1].citizenId);
    expect(codeOf(await h.query(`query($p: ID!) { participant(id: $p) { name } }`, { p: other }, asMe()))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(`query($p: ID!) { participant(id: $p) { name } }`, { p: 'P0000000000000000' }, asMe()))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(SUMMARY, { c: BIG }, asMe()))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await h.query(
          `query($c: String!, $basis: String!) { verificationIssues(caseNumber: $c, basis: $basis) { name } }`,
          { c: BIG, basis: h.notice(BIG) },
          asMe(),
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await h.query(VERIFY, { c: BIG, basis: h.notice(BIG) }, asMe()))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await h.query(
          `mutation($p: ID!) { updateBankCard(participantId: $p, bankCard: "6222021234567890128") { id } }`,
          { p: other },
          asMe(),
        ),
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('an analyst', () => {
  it('sees the aggregates of a large group, with its figures about fewer than 10 people withheld', async () => {
    const figures = dataOf(await h.query<{ massCase: { summary: Record<string, unknown> } }>(SUMMARY, { c: BIG }, { identity: ANALYST }))
      .massCase.summary;
    expect(figures).toMatchObject({
      registered: 11,
      verified: 11,
      allowedClaims: 11_000_000,
      payees: 11,
      payable: 5_500_000,
      suppressed: true,
    });
    // The two unregistered people in escrow are a group of two.
    expect(figures.escrowCount).toBeNull();
    expect(figures.escrow).toBeNull();
  });

  it('sees nothing of a group under 10 people', async () => {
    const figures = dataOf(await h.query<{ massCase: { summary: Record<string, unknown> } }>(SUMMARY, { c: SMALL }, { identity: ANALYST }))
      .massCase.summary;
    expect(figures.suppressed).toBe(true);
    expect(Object.entries(figures).filter(([key, value]) => key !== 'suppressed' && value !== null)).toEqual([]);
  });

  it("sees a verification's figures only where they are about 10 people or more", async () => {
    const LATEST = `query($c: String!) { massCase(caseNumber: $c) { latestVerification { verified allowedClaims unregistered unregisteredClaims suppressed } } }`;
    type Latest = { massCase: { latestVerification: Record<string, unknown> } };
    const large = dataOf(await h.query<Latest>(LATEST, { c: BIG }, { identity: ANALYST })).massCase.latestVerification;
    expect(large).toEqual({ verified: 11, allowedClaims: 11_000_000, unregistered: null, unregisteredClaims: null, suppressed: true });
    const small = dataOf(await h.query<Latest>(LATEST, { c: SMALL }, { identity: ANALYST })).massCase.latestVerification;
    expect(small).toEqual({ verified: null, allowedClaims: null, unregistered: 0, unregisteredClaims: 0, suppressed: true });
  });

  it('reaches no person, and cannot widen its role with the header', async () => {
    expect(codeOf(await h.query(`query($p: ID!) { participant(id: $p) { name } }`, { p: me() }, { identity: ANALYST }))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await h.query(
          `query($c: String!, $basis: String!) { objections(caseNumber: $c, basis: $basis) { id } }`,
          { c: BIG, basis: h.notice(BIG, ANALYST) },
          { identity: ANALYST },
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await h.query(SUMMARY, { c: BIG }, { identity: ANALYST, caller: { role: 'OFFICER' } }))).toBe('FORBIDDEN');
  });
});

describe('staff', () => {
  it("see every figure in full with the court's notice for the case, and as analysts do without it", async () => {
    const figures = dataOf(await h.query<{ massCase: { summary: Record<string, unknown> } }>(SUMMARY, { c: SMALL, basis: h.notice(SMALL) }))
      .massCase.summary;
    expect(figures).toMatchObject({ registered: 3, payees: 3, payable: 1_500_000, escrowCount: 0, suppressed: false });
    const without = dataOf(await h.query<{ massCase: { summary: Record<string, unknown> } }>(SUMMARY, { c: SMALL })).massCase.summary;
    expect(without).toMatchObject({ registered: null, payees: null, suppressed: true });
  });

  it('refuse a malformed caller header', async () => {
    const response = await fetch(h.running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-caller': '{role:', ...(await identityHeaders(ANALYST, 'victims')) },
      body: JSON.stringify({ query: SUMMARY, variables: { c: BIG } }),
    });
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});

/** Staff of 浙0106, who get the court's notice for their own cases only. */
const OTHER_OFFICER: Identity = { userId: 'other-officer', roles: ['OFFICER'], court: '浙0106', officerId: '330106-0001' };
const OTHER_HEAD: Identity = { userId: 'other-head', roles: ['DIVISION_HEAD'], court: '浙0106' };
const THEIR_CASE = '（2025）浙0106执77号';

describe('staff of another court', () => {
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        ['mass_cases', 'participants', 'payout_batches', 'batch_runs'].map(async (c) => [c, await h.db.collection(c).countDocuments()]),
      ),
    );

  it("declare no mass case with somebody else's notice or one for another case, and nothing is written", async () => {
    const before = await counts();
    const CASE = '（2025）浙0102执302号';
    for (const basis of [h.notice(CASE), h.notice(THEIR_CASE, OTHER_OFFICER), 'not a notice']) {
      const result = await h.query(DECLARE, { c: CASE, n: '他院的涉众案件', basis }, { identity: OTHER_OFFICER });
      expect(codeOf(result)).toBe('FORBIDDEN');
    }
    expect(await counts()).toEqual(before);
  });

  it('read no participant, refused in the same words whether the id exists or not', async () => {
    const READ = `query($p: ID!, $basis: String) { participant(id: $p, basis: $basis) { citizenId phone } }`;
    const as = { identity: OTHER_OFFICER };
    const messages = await Promise.all(
      [me(), 'P0000000000000000'].map(async (p) => {
        const result = await h.query(READ, { p, basis: h.notice(THEIR_CASE, OTHER_OFFICER) }, as);
        expect(codeOf(result)).toBe('FORBIDDEN');
        return result.errors?.[0].message.replace(p, '<id>');
      }),
    );
    expect(messages[0]).toBe(messages[1]);
    expect(codeOf(await h.query(READ, { p: me() }, as))).toBe('FORBIDDEN');
    // The case's own officer, with the court's notice, reads the person in full.
    const own = dataOf(await h.query<{ participant: { citizenId: string } }>(READ, { p: me(), basis: h.notice(BIG) }));
    expect(own.participant.citizenId).toBe(big[0].citizenId);
  });

  it("run no payout batch and change no bank card of this court's case, and nothing is written", async () => {
    const roundId = `${BIG}#R1`;
    const batches = dataOf(
      await h.query<{ createPayoutBatches: { id: string }[] }>(
        `mutation($r: ID!, $basis: String!) { createPayoutBatches(roundId: $r, basis: $basis) { id } }`,
        { r: roundId, basis: h.notice(BIG) },
      ),
    ).createPayoutBatches;
    const before = await counts();
    const as = { identity: OTHER_HEAD };
    const theirs = h.notice(THEIR_CASE, OTHER_HEAD);
    expect(
      codeOf(
        await h.query(
          `mutation($b: ID!, $basis: String!) { runPayoutBatch(batchId: $b, basis: $basis) { status } }`,
          { b: batches[0].id, basis: theirs },
          as,
        ),
      ),
    ).toBe('FORBIDDEN');
    // This court's own division head's notice does not travel to another court's head either.
    expect(
      codeOf(
        await h.query(
          `mutation($b: ID!, $basis: String!) { runPayoutBatch(batchId: $b, basis: $basis) { status } }`,
          { b: batches[0].id, basis: h.notice(BIG, DIVISION_HEAD) },
          as,
        ),
      ),
    ).toBe('FORBIDDEN');
    const card = (await h.db.collection('participants').findOne({ _id: me() } as object))?.bankCard;
    expect(
      codeOf(
        await h.query(
          `mutation($p: ID!, $basis: String) { updateBankCard(participantId: $p, bankCard: "6222021234567890128", basis: $basis) { id } }`,
          { p: me(), basis: theirs },
          as,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect((await h.db.collection('participants').findOne({ _id: me() } as object))?.bankCard).toBe(card);
    expect(await counts()).toEqual(before);
  });
});
