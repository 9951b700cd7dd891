import { BASIC_COURTS, COURTS, courtByCode, courtByDivisionCode } from './courts';

describe('court table', () => {
  it('has 1 high, 11 intermediate, 1 maritime and 90 basic courts with unique codes', () => {
    const count = (level: string): number => COURTS.filter((c) => c.level === level).length;
    expect([count('HIGH'), count('INTERMEDIATE'), count('MARITIME'), count('BASIC')]).toEqual([1, 11, 1, 90]);
    expect(COURTS).toHaveLength(103);
    expect(new Set(COURTS.map((c) => c.code)).size).toBe(COURTS.length);
  });

  it('derives basic court codes from the division code', () => {
    for (const court of BASIC_COURTS) {
      expect(court.code).toBe(`浙${court.divisionCode.slice(2)}`);
      expect(court.divisionCode.slice(2, 4)).toBe(court.cityCode);
      expect(courtByDivisionCode(court.divisionCode)).toBe(court);
    }
  });

  it('names courts as the courts name themselves', () => {
    expect(courtByCode('浙')?.name).toBe('浙江省高级人民法院');
    expect(courtByCode('浙01')).toMatchObject({
      name: '杭州市中级人民法院',
      level: 'INTERMEDIATE',
      divisionCode: '3301',
      plateLetter: 'A',
    });
    expect(courtByCode('浙11')?.cityName).toBe('Lishui');
    expect(courtByCode('浙72')).toMatchObject({ name: '宁波海事法院', level: 'MARITIME', cityCode: null, divisionCode: '330200' });
    expect(courtByCode('浙0102')).toMatchObject({ name: '杭州市上城区人民法院', divisionCode: '330102', cityName: 'Hangzhou' });
    expect(courtByCode('浙0782')?.name).toBe('义乌市人民法院');
    expect(courtByCode('浙0122')?.name).toBe('桐庐县人民法院');
    expect(courtByCode('浙0902')).toMatchObject({ plateLetter: 'L', coastal: true });
    expect(courtByCode('浙0199')).toBeUndefined();
  });
});
