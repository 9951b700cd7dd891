import {
  checkIpNumber,
  checkPatentNumber,
  checkSoftwareCopyrightNumber,
  checkTrademarkNumber,
  generatePatentNumber,
  generateSoftwareCopyrightNumber,
  generateTrademarkNumber,
  normaliseIpNumber,
  patentCheckChar,
  patentKindOf,
  type PatentKind,
} from './intellectualProperty';
import { createRandom } from './random';

describe('patent numbers', () => {
  it('computes the check character of published examples, 12-digit and pre-2004', () => {
    // 201710601862.3 and 95115608.X are the worked examples commonly given for the rule.
    expect(patentCheckChar('201710601862')).toBe('3');
    expect(checkPatentNumber('ZL201710601862.3')).toBeNull();
    expect(checkPatentNumber('ZL95115608.X')).toBeNull();
  });

  it('refuses a wrong check character, an unknown type digit and other shapes', () => {
    expect(checkPatentNumber('ZL201710601862.4')).toBe('check character should be 3 (got 4)');
    expect(checkPatentNumber('ZL201750601862.3')).toContain('type digit 5');
    expect(checkPatentNumber('201710601862.3')).toContain('must be ZL');
    expect(checkPatentNumber('ZL2017106018623')).toContain('must be ZL');
  });

  it('tells the kind from the type digit', () => {
    expect(patentKindOf('ZL201710601862.3')).toBe('INVENTION_PATENT');
    expect(patentKindOf('ZL95215608.1')).toBe('UTILITY_MODEL');
  });

  it('generates valid numbers of the kind and year asked for', () => {
    const random = createRandom('patents');
    for (const kind of ['INVENTION_PATENT', 'UTILITY_MODEL', 'DESIGN_PATENT'] as PatentKind[]) {
      for (let i = 0; i < 500; i++) {
        const number = generatePatentNumber(random, kind, 2019);
        expect(checkPatentNumber(number)).toBeNull();
        expect(patentKindOf(number)).toBe(kind);
        expect(number.slice(2, 6)).toBe('2019');
      }
    }
  });
});

describe('trademark and software copyright numbers', () => {
  it('checks their formats', () => {
    expect(checkTrademarkNumber('12345678')).toBeNull();
    expect(checkTrademarkNumber('1234567')).toBeNull();
    expect(checkTrademarkNumber('123456')).toContain('7 or 8 digits');
    expect(checkSoftwareCopyrightNumber('2023SR0123456')).toBeNull();
    expect(checkSoftwareCopyrightNumber('2010SR012345')).toBeNull();
    expect(checkSoftwareCopyrightNumber('1980SR0123456')).toContain('out of range');
    expect(checkSoftwareCopyrightNumber('2023SR01234')).toContain('6 or 7 digits');
  });

  it('generates valid ones', () => {
    const random = createRandom('marks');
    for (let i = 0; i < 500; i++) {
      expect(checkTrademarkNumber(generateTrademarkNumber(random))).toBeNull();
      expect(checkSoftwareCopyrightNumber(generateSoftwareCopyrightNumber(random, 2021))).toBeNull();
    }
  });
});

describe('any registration number', () => {
  it('dispatches on the shape after normalising', () => {
    expect(checkIpNumber(normaliseIpNumber(' zl 2017 1 0601862.3 '))).toBeNull();
    expect(checkIpNumber('2023SR0123456')).toBeNull();
    expect(checkIpNumber('12345678')).toBeNull();
    expect(checkIpNumber('ZL201710601862.4')).toContain('check character');
    expect(checkIpNumber('TM12345')).toContain('must be a patent number');
  });
});
