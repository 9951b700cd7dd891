import { generateAircraftMark, checkAircraftMark } from './aircraft';
import { checkBankCard, generateBankCard } from './bankCard';
import { checkCaseNumber, generateCaseNumber } from './caseNumber';
import { checkCitizenId, citizenIdSex, generateCitizenId } from './citizenId';
import { courtByDivisionCode } from './courts';
import { checkPhone, generatePhone } from './phone';
import { checkPlate, generatePlate } from './plate';
import { createRandom, type Random } from './random';
import { checkCertificateNumber, generateCertificateNumber } from './realEstateCertificate';
import { checkUnitNumber, generateUnitNumber } from './realEstateUnit';
import { checkUscc, generateUscc } from './uscc';
import {
  checkFishingHullName,
  checkImo,
  checkMmsi,
  checkShipId,
  generateFishingHullName,
  generateImo,
  generateMmsi,
  generateShipId,
} from './vessel';
import { checkVin, generateVin } from './vin';

const SEEDS: readonly (number | string)[] = [1, 42, 'zhejiang', 'seed-2024'];
const COUNT = 2000;

const FAMILIES: readonly (readonly [string, (r: Random) => string, (s: string) => string | null])[] = [
  ['citizen ID', (r) => generateCitizenId(r), (s) => checkCitizenId(s)],
  ['USCC', (r) => generateUscc(r), checkUscc],
  ['case number', (r) => generateCaseNumber(r), checkCaseNumber],
  ['unit number', (r) => generateUnitNumber(r, { structure: r.pick(['F', 'L', 'Q', 'W'] as const) }), checkUnitNumber],
  ['certificate number', (r) => generateCertificateNumber(r), checkCertificateNumber],
  ['plate', (r) => generatePlate(r), checkPlate],
  ['VIN', generateVin, checkVin],
  ['ship id', generateShipId, checkShipId],
  ['IMO', generateImo, checkImo],
  ['MMSI', generateMmsi, checkMmsi],
  ['fishing hull name', (r) => generateFishingHullName(r), checkFishingHullName],
  ['aircraft mark', generateAircraftMark, checkAircraftMark],
  ['bank card', (r) => generateBankCard(r), checkBankCard],
  ['phone', generatePhone, checkPhone],
];

function generateMany(seed: number | string, generate: (r: Random) => string): string[] {
  const random = createRandom(seed);
  return Array.from({ length: COUNT }, () => generate(random));
}

describe.each(FAMILIES)('generated %s', (_name, generate, check) => {
  it.each(SEEDS)('all %s values from seed %p validate', (seed) => {
    const invalid = generateMany(seed, generate)
      .map((value) => [value, check(value)] as const)
      .filter(([, reason]) => reason !== null);
    expect(invalid).toEqual([]);
  });

  it('are deterministic per seed and vary between seeds', () => {
    expect(generateMany('again', generate)).toEqual(generateMany('again', generate));
    expect(generateMany('one', generate)).not.toEqual(generateMany('other', generate));
  });
});

describe('generator options', () => {
  it('citizen IDs honour area, birth years and sex', () => {
    const r = createRandom('options');
    for (let i = 0; i < 200; i++) {
      const id = generateCitizenId(r, { areaCode: '330782', birthYears: [1980, 1981], sex: 'FEMALE' });
      expect(id.slice(0, 6)).toBe('330782');
      expect(['1980', '1981']).toContain(id.slice(6, 10));
      expect(citizenIdSex(id)).toBe('FEMALE');
    }
  });

  it('uses the division and city it is given', () => {
    const r = createRandom('places');
    expect(generateUscc(r, { divisionCode: '330102' }).slice(2, 8)).toBe('330102');
    expect(generateCaseNumber(r, { year: 2024, courtCode: '浙72', type: '执保', sequence: 5 })).toBe('（2024）浙72执保5号');
    expect(generateCertificateNumber(r, { divisionCode: '330102' })).toContain('杭州市不动产权');
    expect(generateCertificateNumber(r, { divisionCode: '330782' })).toContain('义乌市不动产权');
    expect(generatePlate(r, { cityLetter: 'L', newEnergy: true })).toMatch(/^浙L·[DF]\d{5}$/);
    expect(generateFishingHullName(r, { cityCode: '09' })).toMatch(/^浙[舟岱普嵊]渔\d{5}$/);
    expect(generateBankCard(r, { bank: 'CMB' })).toMatch(/^622588\d{10}$/);
    expect(courtByDivisionCode(generateUnitNumber(r).slice(0, 6))).toBeDefined();
  });
});
