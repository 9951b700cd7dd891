import { checkBankCard, checkCitizenId, checkPhone, checkUscc } from '../../domain/identifiers';
import { FINANCE_REGISTER } from './register';
import { financeTestData } from '../../test/worlds/finance';

const { world, assets, controls } = financeTestData(7, 400);
const of = <C extends (typeof assets)[number]['category']>(category: C) =>
  assets.filter((a): a is Extract<(typeof assets)[number], { category: C }> => a.category === category);

describe('finance seed', () => {
  it('gives every category it answers for to some respondent of an open case', () => {
    const respondents = new Set(world.cases.filter((c) => c.status === 'OPEN').flatMap((c) => c.respondentIds));
    for (const category of Object.keys(FINANCE_REGISTER.categories)) {
      const held = assets.some((a) => a.category === category && a.ownerIds.some((owner) => respondents.has(owner)));
      expect([category, held]).toEqual([category, true]);
    }
  });

  it('follows the holdings distribution roughly: bank accounts for most, 70% of balances under ¥1,000', () => {
    const withAccount = new Set(of('BANK_DEPOSIT').flatMap((a) => a.ownerIds));
    expect(withAccount.size / world.parties.length).toBeGreaterThan(0.9);
    const small = of('BANK_DEPOSIT').filter((a) => a.estimatedValue < 1000_00).length / of('BANK_DEPOSIT').length;
    expect(small).toBeGreaterThan(0.6);
    expect(small).toBeLessThan(0.8);
  });

  it('issues identifiers that pass the kit checks, each once', () => {
    expect(new Set(assets.map((a) => a._id)).size).toBe(assets.length);
    const failures = [
      ...of('BANK_DEPOSIT').map((a) => checkBankCard(a._id)),
      ...of('ONLINE_PAYMENT').map((a) => checkPhone(a.boundPhone)),
      ...of('SOCIAL_INSURANCE').flatMap((a) => [checkCitizenId(a._id), checkUscc(a.employerId)]),
      ...of('RECEIVABLE').map((a) => (checkUscc(a.thirdPartyId) === null ? null : checkCitizenId(a.thirdPartyId))),
    ].filter((reason) => reason !== null);
    expect(failures).toEqual([]);
    expect(of('SECURITIES').every((a) => /^\d{12}:\d{6}$/.test(a._id) && a._id.endsWith(a.securityCode))).toBe(true);
    expect(of('DIGITAL_CURRENCY').every((a) => /^\d{16}$/.test(a._id) && a.walletLevel >= 1 && a.walletLevel <= 4)).toBe(true);
    expect(of('WEALTH_PRODUCT').every((a) => a._id === `${a.productCode}:${a.ownerIds[0]}`)).toBe(true);
    expect(of('ONLINE_PAYMENT').every((a) => a._id === `${a.platform}:${a.userId}`)).toBe(true);
  });

  it('derives wage receivables from the social-insurance employer and values pledged shares for the pledgee', () => {
    const employers = new Map(of('SOCIAL_INSURANCE').map((r) => [r.ownerIds[0], r.employerId]));
    const wages = of('RECEIVABLE').filter((r) => r.kind === 'WAGES');
    expect(wages.length).toBeGreaterThan(0);
    expect(wages.every((r) => employers.get(r.ownerIds[0]) === r.thirdPartyId)).toBe(true);
    expect(of('SOCIAL_INSURANCE').every((r) => r.estimatedValue === null)).toBe(true);
    for (const holding of of('SECURITIES')) {
      expect(holding.securedClaims).toBe(Math.floor((holding.estimatedValue * holding.pledgedQuantity) / holding.quantity));
    }
  });

  it('freezes money up to the amount owed, withholds receivables, and only queries social insurance', () => {
    const amountOwed = new Map(world.cases.map((c) => [c._id, c.amountOwed]));
    const byId = new Map(assets.map((a) => [a._id, a]));
    expect(controls.length).toBeGreaterThan(0);
    for (const control of controls) {
      const asset = byId.get(control.assetId);
      expect(asset?.category).not.toBe('SOCIAL_INSURANCE');
      expect(control.measure).toBe(asset?.category === 'RECEIVABLE' ? 'WITHHOLD' : 'FREEZE');
      const reachable = (asset?.estimatedValue ?? 0) - (asset?.securedClaims ?? 0);
      expect(control.amount).toBe(Math.min(reachable, amountOwed.get(control.caseNumber) ?? 0));
    }
    const queues = new Map<string, number[]>();
    for (const c of controls) queues.set(c.assetId, [...(queues.get(c.assetId) ?? []), c.rank]);
    for (const ranks of queues.values()) expect([...ranks].sort((a, b) => a - b)).toEqual(ranks.map((_, i) => i));
  });

  it('is deterministic for a seed', () => {
    expect(financeTestData(7, 400).assets).toEqual(assets);
  });
});
