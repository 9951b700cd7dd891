import { createRandom } from './random';
import { checkTaxRefundNumber, formatTaxRefundNumber, generateTaxRefundNumber, normaliseTaxRefundNumber } from './taxRefund';

describe('tax refund number', () => {
  const company = '91110000600037341L';
  const person = '11010519491231002X';

  it('accepts numbers built on a USCC or a citizen ID', () => {
    expect(formatTaxRefundNumber({ taxpayerNumber: company, year: 2026, sequence: 1 })).toBe('TR91110000600037341L2026001');
    expect(checkTaxRefundNumber('TR91110000600037341L2026001')).toBeNull();
    expect(checkTaxRefundNumber(`TR${person}2025012`)).toBeNull();
    expect(normaliseTaxRefundNumber(' tr91110000600037341l2026001 ')).toBe('TR91110000600037341L2026001');
  });

  it('refuses a wrong length, prefix, taxpayer number, year or sequence', () => {
    expect(checkTaxRefundNumber('TR91110000600037341L202601')).toBe('must be 27 characters (got 26)');
    expect(checkTaxRefundNumber('TX91110000600037341L2026001')).toBe('must start with TR');
    expect(checkTaxRefundNumber('TR91110000600037341M2026001')).toContain('check character should be L');
    expect(checkTaxRefundNumber(`TR${person.slice(0, 17)}52025001`)).toContain('check character should be X');
    expect(checkTaxRefundNumber('TR91110000600037341L1999001')).toContain('between 2000 and 2100');
    expect(checkTaxRefundNumber('TR91110000600037341L2026000')).toBe('sequence must not be 000');
    expect(checkTaxRefundNumber('TR91110000600037341L20260A1')).toContain('3-digit sequence');
  });

  it('generates only numbers that pass the check, deterministically per seed', () => {
    const draw = (seed: string) => {
      const random = createRandom(seed);
      return Array.from({ length: 2000 }, () => generateTaxRefundNumber(random));
    };
    expect(draw('tax').filter((n) => checkTaxRefundNumber(n) !== null)).toEqual([]);
    expect(draw('tax')).toEqual(draw('tax'));
    expect(draw('tax')).not.toEqual(draw('other'));
  });
});
