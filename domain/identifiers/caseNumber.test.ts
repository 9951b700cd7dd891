import { CASE_TYPES, caseTypeCode, checkCaseNumber, formatCaseNumber, normaliseCaseNumber, parseCaseNumber } from './caseNumber';

describe('case numbers', () => {
  it('parses the domain example and formats it back', () => {
    const parts = parseCaseNumber('（2024）浙0102执1234号');
    expect(parts).toEqual({ year: 2024, courtCode: '浙0102', type: '执', sequence: 1234 });
    expect(typeof parts !== 'string' && formatCaseNumber(parts)).toBe('（2024）浙0102执1234号');
  });

  it('accepts ASCII parentheses and normalises them to full-width', () => {
    expect(checkCaseNumber('(2024)浙0102执1234号')).toBeNull();
    expect(normaliseCaseNumber(' (2024)浙0102执1234号 ')).toBe('（2024）浙0102执1234号');
  });

  it('knows every court level and case type', () => {
    for (const ok of ['（2023）浙执7号', '（2023）浙01执恢88号', '（2023）浙72执保1号', '（2023）浙1181执请2号'])
      expect(checkCaseNumber(ok)).toBeNull();
    expect(Object.keys(CASE_TYPES)).toHaveLength(8);
    expect(caseTypeCode('PRESERVATION')).toBe('执保');
  });

  it.each([
    ['（2024）浙0102执01234号', 'leading zeros'],
    ['（2024）浙0102执0号', 'leading zeros'],
    ['（1999）浙0102执1234号', 'between 2000 and 2100'],
    ['（2024）沪0102执1234号', 'not a Zhejiang court'],
    ['（2024）浙0199执1234号', 'unknown court code 浙0199'],
    ['（2024）浙0102民初1234号', 'unknown case type 民初'],
    ['（2024）浙0102执1234', 'must end with 号'],
    ['2024浙0102执1234号', 'must start with a 4-digit year'],
  ])('refuses %s with a reason', (input, reason) => {
    expect(checkCaseNumber(input)).toContain(reason);
  });
});
