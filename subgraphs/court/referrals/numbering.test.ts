import { chineseNumeral, referralNumber } from './numbering';

describe('referral numbers', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [99, '九十九'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [999, '九百九十九'],
    [1000, '1000'],
  ])('writes %i as %s', (n, text) => {
    expect(chineseNumeral(n)).toBe(text);
  });

  it('follows the case number', () => {
    expect(referralNumber('（2026）浙0102执1234号', 2)).toBe('（2026）浙0102执1234号拒执移送之二');
  });

  it('refuses numbers that are not positive integers', () => {
    expect(() => chineseNumeral(0)).toThrow(RangeError);
    expect(() => chineseNumeral(1.5)).toThrow(RangeError);
  });
});
