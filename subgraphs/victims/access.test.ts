import { identityHeaders } from '../../platform/internalToken';
import { createRandom, generateBankCard, generateCitizenId, generatePhone } from '../../domain/identifiers';
import { participantIdOf } from './ids';
import { ANALYST, ANNOUNCE, codeOf, dataOf, DECLARE, IMPORT, REGISTER, startVictims, VERIFY, type VictimsHarness } from './testing';

const BIG = '（2025）浙0102执300号';
const SMALL = '（2025）浙0102执301号';
const random = createRandom('victims-access');
const make = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `李${'一二三四五六七八九十甲乙丙'[i]}`, citizenId: generateCitizenId(random), phone: generatePhone(random), bankCard: generateBankCard(random) }));
const big = make(13);
const small = make(3);
let h: VictimsHarness;
const me = () => participantIdOf(BIG, big[0].citizenId);
const asMe = () => ({ caller: { role: 'PARTICIPANT' as const, participantId: me() } });
const SUMMARY = `query($c: String!) { massCase(caseNumber: $c) { summary { registered verified allowedClaims payees payable escrowCount escrow suppressed } } }`;

async function setUp(caseNumber: string, people: typeof big, unregistered: number): Promise<void> {
  dataOf(await h.query(DECLARE, { c: caseNumber, n: '涉众案件' }));
  for (const p of people.slice(0, people.length - unregistered)) dataOf(await h.query(REGISTER, { i: { caseNumber, ...p } }));
  dataOf(await h.query(IMPORT, { c: caseNumber, csv: people.map((p) => `${p.citizenId},${p.name},1000000,0,0`).join('\n') }));
  dataOf(await h.query(VERIFY, { c: caseNumber }));
  dataOf(await h.query(ANNOUNCE, { c: caseNumber, p: 500_000 * people.length }));
}

beforeAll(async () => {
  h = await startVictims('victims_access');
  await setUp(BIG, big, 2);
  await setUp(SMALL, small, 0);
});
afterAll(() => h?.stop());

describe('a participant', () => {
  it('reads their own registration, claim and allocation, with identifiers masked', async () => {
    const own = dataOf(await h.query<{ me: { id: string; citizenId: string; phone: string; claim: { amount: number; status: string }; allocations: { amount: number }[] } }>(
      `{ me { id citizenId phone claim { amount status } allocations { amount } } }`,
      undefined,
      asMe(),
    ));
    expect(own.me).toMatchObject({ id: me(), claim: { amount: 1_000_000, status: 'VERIFIED' }, allocations: [{ amount: 500_000 }] });
    expect(own.me.citizenId).toBe(`${big[0].citizenId.slice(0, 6)}********${big[0].citizenId.slice(-4)}`);
    expect(own.me.phone).toBe(`${big[0].phone.slice(0, 3)}****${big[0].phone.slice(-4)}`);
  });

  it('cannot read anyone else, nor the case figures, nor act as staff', async () => {
    const other = participantIdOf(BIG, big[1].citizenId);
    expect(codeOf(await h.query(`query($p: ID!) { participant(id: $p) { name } }`, { p: other }, asMe()))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(`query($p: ID!) { participant(id: $p) { name } }`, { p: 'P0000000000000000' }, asMe()))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(SUMMARY, { c: BIG }, asMe()))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(`query($c: String!) { verificationIssues(caseNumber: $c) { name } }`, { c: BIG }, asMe()))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(VERIFY, { c: BIG }, asMe()))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(`mutation($p: ID!) { updateBankCard(participantId: $p, bankCard: "6222021234567890128") { id } }`, { p: other }, asMe()))).toBe('FORBIDDEN');
  });
});

describe('an analyst', () => {
  it('sees the aggregates of a large group, with its figures about fewer than 10 people withheld', async () => {
    const figures = dataOf(await h.query<{ massCase: { summary: Record<string, unknown> } }>(SUMMARY, { c: BIG }, { identity: ANALYST })).massCase.summary;
    expect(figures).toMatchObject({ registered: 11, verified: 11, allowedClaims: 11_000_000, payees: 11, payable: 5_500_000, suppressed: true });
    // The two unregistered people in escrow are a group of two.
    expect(figures.escrowCount).toBeNull();
    expect(figures.escrow).toBeNull();
  });

  it('sees nothing of a group under 10 people', async () => {
    const figures = dataOf(await h.query<{ massCase: { summary: Record<string, unknown> } }>(SUMMARY, { c: SMALL }, { identity: ANALYST })).massCase.summary;
    expect(figures.suppressed).toBe(true);
    expect(Object.entries(figures).filter(([key, value]) => key !== 'suppressed' && value !== null)).toEqual([]);
  });

  it('reaches no person, and cannot widen its role with the header', async () => {
    expect(codeOf(await h.query(`query($p: ID!) { participant(id: $p) { name } }`, { p: me() }, { identity: ANALYST }))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(`query($c: String!) { objections(caseNumber: $c) { id } }`, { c: BIG }, { identity: ANALYST }))).toBe('FORBIDDEN');
    expect(codeOf(await h.query(SUMMARY, { c: BIG }, { identity: ANALYST, caller: { role: 'OFFICER' } }))).toBe('FORBIDDEN');
  });
});

describe('staff', () => {
  it('see every figure in full', async () => {
    const figures = dataOf(await h.query<{ massCase: { summary: Record<string, unknown> } }>(SUMMARY, { c: SMALL })).massCase.summary;
    expect(figures).toMatchObject({ registered: 3, payees: 3, payable: 1_500_000, escrowCount: 0, suppressed: false });
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
