import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, generateBankCard, generateCitizenId, generatePhone } from '../../domain/identifiers';
import { forEachAllocation } from './allocationStore';
import { participantIdOf } from './ids';
import { OUTBOX_PREFIX, type AllocationDocument } from './model';
import { VictimsRepository } from './repository';
import {
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

const CASE = '（2025）浙0102执200号';
const random = createRandom('victims-distribution');
const NAMES = ['张伟', '王芳', '李娜', '刘敏', '陈静', '杨丽', '黄强', '赵磊', '吴军', '周洋', '徐勇', '孙艳', '马杰', '朱娟'];
const people = NAMES.map((name, i) => ({
  name,
  citizenId: generateCitizenId(random),
  phone: generatePhone(random),
  bankCard: generateBankCard(random),
  paidIn: 100_000_00 + i * 13_337_00,
}));
const id = (i: number) => participantIdOf(CASE, people[i].citizenId);
// 0-11 register; 11 registers as 孙燕 (the ledger says 孙艳); 12 and 13 never register; 10 is not in the ledger.
const registered = people.slice(0, 12);
const FAILING_CARD = people[3].bankCard;
let h: VictimsHarness;
let totalClaims = 0;

beforeAll(async () => {
  h = await startVictims('victims_distribution', {
    decide: (order) => (order.bankCard === FAILING_CARD ? { status: 'FAILED', reason: '账户已销户' } : { status: 'SUCCESS' }),
  });
  dataOf(await h.query(DECLARE, { c: CASE, n: '某养老项目集资诈骗案', basis: h.notice(CASE) }));
  for (const [i, p] of registered.entries()) {
    dataOf(
      await h.query(REGISTER, {
        i: { caseNumber: CASE, citizenId: p.citizenId, name: i === 11 ? '孙燕' : p.name, phone: p.phone, bankCard: p.bankCard },
        basis: h.notice(CASE),
      }),
    );
  }
  const ledger = people.filter((_, i) => i !== 10).map((p) => `${p.citizenId},${p.name},${p.paidIn},${p.paidIn / 10},${p.paidIn / 20}`);
  dataOf(await h.query(IMPORT, { c: CASE, csv: ledger.join('\n'), basis: h.notice(CASE) }));
});
afterAll(() => h?.stop());

async function allocations(roundId: string): Promise<AllocationDocument[]> {
  const rows: AllocationDocument[] = [];
  await forEachAllocation(new VictimsRepository(h.db), roundId, (a) => rows.push(a));
  return rows;
}

describe('verification', () => {
  it('computes the claims and lists mismatches and the unregistered for staff', async () => {
    const v = dataOf(await h.query<{ verifyCase: Record<string, number | string> }>(VERIFY, { c: CASE, basis: h.notice(CASE) })).verifyCase;
    expect(v).toMatchObject({ number: 1, verified: 10, nameMismatches: 1, notInLedger: 1, unregistered: 2 });
    // claim = paid in − returned (a tenth) − interest and rebates (a twentieth)
    const claimOf = (i: number) => people[i].paidIn - people[i].paidIn / 10 - people[i].paidIn / 20;
    expect(v.allowedClaims).toBe([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].reduce((s, i) => s + claimOf(i), 0));
    expect(v.unregisteredClaims).toBe(claimOf(12) + claimOf(13));
    totalClaims = (v.allowedClaims as number) + (v.mismatchClaims as number) + (v.unregisteredClaims as number);
    const issues = dataOf(
      await h.query<{ verificationIssues: { participantId: string; kind: string; citizenId: string }[] }>(
        `query($c: String!, $basis: String!) { verificationIssues(caseNumber: $c, basis: $basis) { participantId kind citizenId } }`,
        { c: CASE, basis: h.notice(CASE) },
      ),
    );
    expect(issues.verificationIssues.map((i) => [i.participantId, i.kind]).sort()).toEqual(
      [
        [id(10), 'NOT_IN_LEDGER'],
        [id(11), 'NAME_MISMATCH'],
        [id(12), 'UNREGISTERED'],
        [id(13), 'UNREGISTERED'],
      ].sort(),
    );
    expect(issues.verificationIssues[0].citizenId).toContain('********');
    expect((await h.sms()).get(`victims:${id(0)}:VERIFIED-V1`)).toMatch(
      /债权确认金额为¥\d[\d,]*\.\d{2}。如有异议，请于\d{4}年\d{1,2}月\d{1,2}日前/,
    );
  });

  it('records an objection once, from the participant themself, within the deadline', async () => {
    const OBJECT = `mutation($p: ID!, $a: Cents) { recordObjection(participantId: $p, reason: "少算了本金", claimedAmount: $a) { id status claimedAmount deadline } }`;
    const own = dataOf(
      await h.query<{ recordObjection: { id: string; status: string } }>(
        OBJECT,
        { p: id(0), a: 200_000_00 },
        { caller: { role: 'PARTICIPANT', participantId: id(0) } },
      ),
    );
    expect(own.recordObjection.status).toBe('PENDING');
    const again = dataOf(
      await h.query<{ recordObjection: { id: string } }>(
        OBJECT,
        { p: id(0), a: 999 },
        { caller: { role: 'PARTICIPANT', participantId: id(0) } },
      ),
    );
    expect(again.recordObjection).toEqual(own.recordObjection);
    expect(codeOf(await h.query(OBJECT, { p: id(0) }, { caller: { role: 'PARTICIPANT', participantId: id(1) } }))).toBe('FORBIDDEN');
  });
});

describe('distribution', () => {
  let roundId = '';

  it('allocates a round exactly: payments plus reserve plus escrow equal the pool, nobody above the claim', async () => {
    const pool = Math.floor(totalClaims * 0.4) + 7;
    const round = dataOf(
      await h.query<{ announceRound: { id: string; totalClaims: number; summary: Record<string, number> } }>(ANNOUNCE, {
        c: CASE,
        p: pool,
        basis: h.notice(CASE),
      }),
    ).announceRound;
    roundId = round.id;
    const s = round.summary;
    expect(s.payable + s.reserved + s.escrow).toBe(pool);
    expect(s.reservedCount).toBe(2); // the pending objection and the name mismatch
    expect(s.escrowCount).toBe(2);
    const rows = await allocations(roundId);
    expect(rows.reduce((sum, a) => sum + a.amount, 0)).toBe(s.payable);
    expect(rows.every((a) => a.cumulativePaid + a.cumulativeHeld <= a.claim)).toBe(true);
    // Within a cent of the exact share claim × pool ÷ total claims.
    for (const a of rows) expect(Math.abs(a.cumulativePaid + a.cumulativeHeld - (a.claim * pool) / round.totalClaims)).toBeLessThan(1);
  });

  it('pays each batch once however often it is run', async () => {
    const batches = dataOf(
      await h.query<{ createPayoutBatches: { id: string; count: number }[] }>(
        `mutation($r: ID!, $basis: String!) { createPayoutBatches(roundId: $r, batchSize: 4, basis: $basis) { id count } }`,
        { r: roundId, basis: h.notice(CASE) },
      ),
    ).createPayoutBatches;
    expect(batches.map((b) => b.count)).toEqual([4, 4, 1]);
    const again = dataOf(
      await h.query<{ createPayoutBatches: { id: string }[] }>(
        `mutation($r: ID!, $basis: String!) { createPayoutBatches(roundId: $r, batchSize: 4, basis: $basis) { id } }`,
        { r: roundId, basis: h.notice(CASE) },
      ),
    ).createPayoutBatches;
    expect(again.map((b) => b.id)).toEqual(batches.map((b) => b.id));
    const RUN = `mutation($b: ID!, $basis: String!) { runPayoutBatch(batchId: $b, basis: $basis) { status succeeded failed } }`;
    const head = { identity: DIVISION_HEAD };
    const run = (b: string) => h.query<{ runPayoutBatch: { status: string } }>(RUN, { b, basis: h.notice(CASE, DIVISION_HEAD) }, head);
    expect(codeOf(await h.query(RUN, { b: batches[0].id, basis: h.notice(CASE) }))).toBe('FORBIDDEN'); // an officer may not pay out
    for (const b of batches) await Promise.all([run(b.id), run(b.id)]);
    for (const b of batches) expect(dataOf(await run(b.id)).runPayoutBatch.status).toBe('DONE');
    const lines = readFileSync(join(h.dataDir, 't_victims_distribution', 'payments.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { orderId: string });
    expect(lines).toHaveLength(9);
    expect(new Set(lines.map((l) => l.orderId)).size).toBe(9);
  });

  it('takes a failed payment through RETURNED and RESENT to a new card, paying it once', async () => {
    const paymentId = `${roundId}|${id(3)}`;
    const PAY = `query($p: ID!, $basis: String) { participant(id: $p, basis: $basis) { payments { id status attempt bankCard failureReason } } }`;
    const before = dataOf(
      await h.query<{ participant: { payments: { status: string; failureReason: string }[] } }>(PAY, { p: id(3), basis: h.notice(CASE) }),
    );
    expect(before.participant.payments[0]).toMatchObject({ status: 'FAILED', failureReason: '账户已销户' });
    expect((await h.sms()).get(`victims:${id(3)}:FAILED-R1-A1`)).toContain(
      `${FAILING_CARD.slice(0, 4)} **** **** ${FAILING_CARD.slice(-4)}`,
    );
    const RESULT = `mutation($p: ID!, $s: PaymentOutcome!, $basis: String!) { recordPaymentResult(paymentId: $p, status: $s, basis: $basis) { status } }`;
    expect(codeOf(await h.query(RESULT, { p: paymentId, s: 'SUCCESS', basis: h.notice(CASE) }))).toBe('INVALID_TRANSITION');
    expect(
      dataOf(await h.query<{ recordPaymentResult: { status: string } }>(RESULT, { p: paymentId, s: 'RETURNED', basis: h.notice(CASE) }))
        .recordPaymentResult.status,
    ).toBe('RETURNED');
    const RESEND = `mutation($p: ID!, $basis: String!) { resendPayment(paymentId: $p, basis: $basis) { status attempt bankCard } }`;
    const head = { identity: DIVISION_HEAD };
    const resend = () =>
      h.query<{ resendPayment: { status: string; attempt: number } }>(RESEND, { p: paymentId, basis: h.notice(CASE, DIVISION_HEAD) }, head);
    expect(codeOf(await resend())).toBe('INVALID_TRANSITION');
    const newCard = generateBankCard(random);
    dataOf(
      await h.query(
        `mutation($p: ID!, $c: String!) { updateBankCard(participantId: $p, bankCard: $c) { bankCard } }`,
        { p: id(3), c: newCard },
        { caller: { role: 'PARTICIPANT', participantId: id(3) } },
      ),
    );
    const resent = await Promise.all([resend(), resend()]);
    // Two resends at once: one pays; the other either joins the same order (still in flight) or, once the
    // first has finished, is refused because the payment is no longer RETURNED. Either way it is paid once.
    const answered = resent.filter((r) => !r.errors).map((r) => dataOf(r).resendPayment);
    expect(answered).toContainEqual({ status: 'SUCCESS', attempt: 2, bankCard: `${newCard.slice(0, 4)} **** **** ${newCard.slice(-4)}` });
    expect(
      resent
        .filter((r) => r.errors)
        .map((r) => codeOf(r))
        .every((code) => code === 'INVALID_TRANSITION'),
    ).toBe(true);
    expect(codeOf(await resend())).toBe('INVALID_TRANSITION');
    const orders = readFileSync(join(h.dataDir, 't_victims_distribution', 'payments.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { paymentId: string; attempt: number });
    expect(orders.filter((o) => o.paymentId === paymentId).map((o) => o.attempt)).toEqual([1, 2]);
  });

  it('releases the reserve once the objection is ruled, and a second round stays cumulative and under the claims', async () => {
    const objectionId = `${CASE}#V1|${id(0)}`;
    const ruled = dataOf(
      await h.query<{ resolveObjection: { status: string } }>(
        `mutation($o: ID!, $basis: String!) { resolveObjection(objectionId: $o, allowedClaim: 12000000, note: "核实后调增", basis: $basis) { status } }`,
        { o: objectionId, basis: h.notice(CASE) },
      ),
    );
    expect(ruled.resolveObjection.status).toBe('RESOLVED');
    expect(
      codeOf(
        await h.query(
          `mutation($o: ID!, $basis: String!) { resolveObjection(objectionId: $o, allowedClaim: 1, basis: $basis) { status } }`,
          { o: objectionId, basis: h.notice(CASE) },
        ),
      ),
    ).toBe('INVALID_TRANSITION');
    const first = await allocations(`${CASE}#R1`);
    const pool = Math.floor(totalClaims * 0.3);
    const round = dataOf(
      await h.query<{ announceRound: { id: string; cumulativePool: number; released: number; summary: Record<string, number> } }>(
        ANNOUNCE,
        { c: CASE, p: pool, basis: h.notice(CASE) },
      ),
    ).announceRound;
    const second = await allocations(round.id);
    const objector = second.find((a) => a.participantId === id(0));
    expect(objector).toMatchObject({ hold: null, claim: 12_000_000 });
    expect(round.released).toBe(first.find((a) => a.participantId === id(0))?.cumulativeHeld);
    expect(second.every((a) => a.cumulativePaid + a.cumulativeHeld <= a.claim)).toBe(true);
    expect(second.every((a) => a.cumulativePaid >= (first.find((f) => f.participantId === a.participantId)?.cumulativePaid ?? 0))).toBe(
      true,
    );
    expect(second.reduce((s, a) => s + a.cumulativePaid + a.cumulativeHeld, 0)).toBe(round.cumulativePool);
  });

  it('refuses an objection after the deadline', async () => {
    h.advance(16 * 86_400_000);
    const result = await h.query(
      `mutation($p: ID!, $basis: String) { recordObjection(participantId: $p, reason: "迟到的异议", basis: $basis) { id } }`,
      { p: id(1), basis: h.notice(CASE) },
    );
    expect(codeOf(result)).toBe('INVALID_TRANSITION');
  });

  it('never puts a full card number in an SMS', async () => {
    const texts = [...(await h.sms()).values()];
    expect(texts.length).toBeGreaterThan(20);
    expect(texts.length).toBe(await h.db.collection(OUTBOX_PREFIX).countDocuments());
    expect(texts.filter((t) => /\d{12,}/.test(t))).toEqual([]);
  });
});
