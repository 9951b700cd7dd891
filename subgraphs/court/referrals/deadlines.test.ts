import { deadlinesOf, privateProsecutionAvailable, referralLimits } from './deadlines';
import type { RefusalReferralDocument } from './model';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T02:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

function referral(fields: Partial<RefusalReferralDocument> = {}): RefusalReferralDocument {
  return {
    _id: '（2026）浙0102执1号拒执移送之一',
    caseNumber: '（2026）浙0102执1号',
    ordinal: 1,
    courtCode: '浙0102',
    suspectId: '330102199001011234',
    policeStation: '上城区分局',
    facts: '转移财产',
    evidence: [],
    complex: false,
    idempotencyKey: 'unit-test-key',
    state: 'REFERRED',
    referredAt: T0,
    receiptAt: null,
    decision: null,
    decidedAt: null,
    policeCaseNumber: null,
    refusalReason: null,
    reportedToCourtAt: null,
    supervisedAt: null,
    supervisionNote: null,
    ...fields,
  };
}

describe('referral limits', () => {
  it('reads the practice periods from the environment', () => {
    const limits = referralLimits({ REFERRAL_RECEIPT_DAYS: '5', REFERRAL_ESCALATION_DAYS: '3' });
    expect(limits).toMatchObject({ receiptDays: 5, escalationDays: 3, decisionDays: 7, complexDecisionDays: 30, silenceDays: 15 });
    const receipt = deadlinesOf(referral(), at(8), limits)[0];
    expect(receipt).toMatchObject({ dueAt: at(5), status: 'OVERDUE' });
    expect(deadlinesOf(referral(), new Date(at(8).getTime() + 1), limits)[0].status).toBe('ESCALATED');
  });

  it('refuses a period that is not a positive whole number of days', () => {
    expect(() => referralLimits({ REFERRAL_RECEIPT_DAYS: '0' })).toThrow(/REFERRAL_RECEIPT_DAYS/);
    expect(() => referralLimits({ REFERRAL_ESCALATION_DAYS: 'seven' })).toThrow(/REFERRAL_ESCALATION_DAYS/);
  });
});

describe('private prosecution', () => {
  it('opens on a refusal at once, and never once the police have filed', () => {
    expect(privateProsecutionAvailable(referral({ state: 'REFUSED', decision: 'REFUSED' }), at(1))).toBe(true);
    expect(privateProsecutionAvailable(referral({ state: 'SUPERVISED', decision: 'REFUSED' }), at(1))).toBe(true);
    expect(privateProsecutionAvailable(referral({ state: 'FILED', decision: 'FILED' }), at(100))).toBe(false);
  });
});
