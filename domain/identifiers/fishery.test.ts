import {
  checkFishingLicenceNumber,
  checkFishingRegistryNumber,
  generateFishingLicenceNumber,
  generateFishingRegistryNumber,
  normaliseFisheryNumber,
} from './fishery';
import { createRandom } from './random';

describe('fishery numbers', () => {
  it('accepts the documented forms and refuses the other kind, unknown ports and bad digits', () => {
    expect(checkFishingRegistryNumber('（浙岱）船登（权）（2019）HY-200123号')).toBeNull();
    expect(checkFishingLicenceNumber('（浙岱）船捕（2023）HY-100123号')).toBeNull();
    expect(checkFishingRegistryNumber('（浙岱）船捕（2023）HY-100123号')).toContain('船登（权）');
    expect(checkFishingLicenceNumber('（浙岱）船登（权）（2019）HY-200123号')).toContain('船捕');
    expect(checkFishingLicenceNumber('（浙京）船捕（2023）HY-100123号')).toContain('port 京');
    expect(checkFishingLicenceNumber('（浙岱）船捕（2023）HY-10012号')).toContain('must look like');
    expect(checkFishingLicenceNumber('（浙岱）船捕（1900）HY-100123号')).toContain('out of range');
  });

  it('normalises ASCII parentheses to the canonical form', () => {
    expect(normaliseFisheryNumber('(浙岱)船捕(2023)HY-100123号')).toBe('（浙岱）船捕（2023）HY-100123号');
  });

  it('generates numbers that pass their check, with the port and year given', () => {
    const r = createRandom('fishery');
    for (let i = 0; i < 100; i++) {
      const registry = generateFishingRegistryNumber(r, { port: '岭', year: 2015 });
      const licence = generateFishingLicenceNumber(r, { port: '岭', year: 2023 });
      expect(checkFishingRegistryNumber(registry)).toBeNull();
      expect(checkFishingLicenceNumber(licence)).toBeNull();
      expect(registry.startsWith('（浙岭）船登（权）（2015）HY-2')).toBe(true);
      expect(licence.startsWith('（浙岭）船捕（2023）HY-1')).toBe(true);
    }
    expect(() => generateFishingLicenceNumber(r, { port: '京', year: 2023 })).toThrow(RangeError);
  });
});
