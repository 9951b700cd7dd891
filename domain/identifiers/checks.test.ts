import { checkAircraftMark } from './aircraft';
import { checkBankCard, maskBankCard } from './bankCard';
import { checkCitizenId, citizenIdBirthDate, citizenIdSex, maskCitizenId } from './citizenId';
import { maskName } from './names';
import { checkPhone, maskPhone, normalisePhone } from './phone';
import { checkPlate, normalisePlate } from './plate';
import { checkCertificateNumber } from './realEstateCertificate';
import { checkUnitNumber, parcelCode } from './realEstateUnit';
import { checkUscc } from './uscc';
import { checkFishingHullName, checkImo, checkMmsi, checkShipId } from './vessel';
import { checkVin } from './vin';

/** Replaces the character at `index` so a check digit or character goes wrong. */
function corrupt(s: string, index: number, by: string): string {
  return s.slice(0, index) + by + s.slice(index + 1);
}

describe('checksummed identifiers', () => {
  it('citizen ID: accepts a valid one, refuses a wrong check character and impossible dates', () => {
    const id = '11010519491231002X';
    expect(checkCitizenId(id)).toBeNull();
    expect(checkCitizenId(corrupt(id, 17, '5'))).toBe('check character should be X (got 5)');
    expect(checkCitizenId(id.toLowerCase())).toContain('uppercase X');
    expect(checkCitizenId(id.slice(1))).toBe('must be 18 characters (got 17)');
    expect(checkCitizenId('330102' + '19990231' + '0011')).toContain('19990231 is not a valid date');
    expect(checkCitizenId('110105' + '20300101' + '0011', new Date('2025-01-01'))).toContain('in the future');
    expect(citizenIdSex(id)).toBe('FEMALE');
    expect(citizenIdBirthDate(id)).toBe('1949-12-31');
    expect(maskCitizenId('33010219900101123X')).toBe('330102********123X');
  });

  it('USCC: accepts the domain example, refuses both check characters', () => {
    const code = '91110000600037341L';
    expect(checkUscc(code)).toBeNull();
    expect(checkUscc(corrupt(code, 17, 'M'))).toBe('check character should be L (got M)');
    expect(checkUscc(corrupt(code, 16, '2'))).toContain('organisation code check (position 17) should be 1');
    expect(checkUscc(corrupt(code, 5, 'I'))).toContain('character I at position 6 is not allowed');
  });

  it('VIN: accepts a valid one, refuses a wrong check character and I/O/Q', () => {
    expect(checkVin('1M8GDM9AXKP042788')).toBeNull();
    expect(checkVin('1M8GDM9A1KP042788')).toBe('check character (position 9) should be X (got 1)');
    expect(checkVin('1M8GDM9AXKP04278O')).toContain('not allowed');
  });

  it('IMO, ship id and MMSI', () => {
    expect(checkImo('9074729')).toBeNull();
    expect(checkImo('9074728')).toBe('check digit should be 9 (got 8)');
    expect(checkImo('IMO 9074729')).toContain('7 digits');
    expect(checkShipId('CN20101234567')).toBeNull();
    expect(checkShipId('CN2010123456')).toContain('11 digits');
    expect(checkMmsi('413123456')).toBeNull();
    expect(checkMmsi('366123456')).toContain('412/413/414');
  });

  it('bank card: Luhn, and masks that hide the length', () => {
    expect(checkBankCard('4111111111111111')).toBeNull();
    expect(checkBankCard('4111111111111112')).toBe('check digit (Luhn) should be 1 (got 2)');
    expect(checkBankCard('411111111111111')).toContain('16 to 19 digits');
    expect(maskBankCard('6222021234567891234')).toBe('6222 **** **** 1234');
  });

  it('real estate: unit number, parcel code and certificate number', () => {
    const unit = '330102001001GB00123F00010001';
    expect(checkUnitNumber(unit)).toBeNull();
    expect(parcelCode(unit)).toBe('330102001001GB00123');
    for (const type of ['GA', 'GS', 'JC']) expect(checkUnitNumber(unit.replace('GB', type))).toBeNull();
    expect(checkUnitNumber(unit.replace('GB', 'QB'))).toContain('must start with G, J or Z');
    expect(checkUnitNumber(unit.replace('F0001', 'K0001'))).toContain('structure code K');
    expect(checkUnitNumber('330102001001GB00123W00000000')).toBeNull();
    expect(checkUnitNumber('330102001001GB00123W00010001')).toContain('land only');
    expect(checkUnitNumber(unit.slice(0, 27))).toBe('must be 28 characters (got 27)');
    expect(checkCertificateNumber('浙(2024)杭州市不动产权第0123456号')).toBeNull();
    expect(checkCertificateNumber('浙（2024）义乌市不动产权第0123456号')).toBeNull();
    expect(checkCertificateNumber('浙(2024)上城区不动产权第0123456号')).toContain('issuing place');
    expect(checkCertificateNumber('浙(2024)杭州市不动产权第123456号')).toContain('7 digits');
  });

  it('plates, hull names, aircraft marks and phones', () => {
    expect(checkPlate('浙A·12345')).toBeNull();
    expect(checkPlate('浙A·D12345')).toBeNull();
    expect(normalisePlate('浙a12345')).toBe('浙A·12345');
    expect(checkPlate('浙M·12345')).toContain('city letter M');
    expect(checkPlate('沪A·12345')).toContain('浙');
    expect(checkPlate('浙A·1234I')).toContain('except I and O');
    expect(checkPlate('浙A·X12345')).toContain('D or F');
    expect(checkFishingHullName('浙岱渔03456')).toBeNull();
    expect(checkFishingHullName('浙京渔03456')).toContain('port 京');
    expect(checkFishingHullName('浙岱渔0345')).toContain('5 digits');
    expect(checkAircraftMark('B-1234')).toBeNull();
    expect(checkAircraftMark('B-123A')).toBeNull();
    expect(checkAircraftMark('B-HSA')).toContain('4 characters');
    expect(checkPhone('13812345678')).toBeNull();
    expect(checkPhone('12812345678')).toContain('13 to 19');
    expect(normalisePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskName('张三')).toBe('张*');
  });
});
