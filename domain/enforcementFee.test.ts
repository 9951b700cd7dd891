import { debtPlusCosts, enforcementFee } from './enforcementFee';

describe('the enforcement fee (诉讼费用交纳办法, art. 14)', () => {
  it('is 50 yuan for a case of up to 10,000 yuan', () => {
    expect(enforcementFee(0)).toBe(5_000);
    expect(enforcementFee(1_000_000)).toBe(5_000);
  });

  it('adds 1.5 % of the part between 10,000 and 500,000 yuan', () => {
    // 50 + 1.5 % × 90,000 = 1,400 yuan for 100,000 yuan.
    expect(enforcementFee(10_000_000)).toBe(140_000);
  });

  it('charges each band at its own rate', () => {
    // 50 + 1.5 % × 490,000 + 1 % × 4,500,000 + 0.5 % × 5,000,000 + 0.1 % × 10,000,000 = 87,400 yuan for 20 million.
    expect(enforcementFee(2_000_000_000)).toBe(8_740_000);
  });

  it('makes the debt plus costs the amount owed and its fee', () => {
    expect(debtPlusCosts(10_000_000)).toBe(10_140_000);
  });
});
