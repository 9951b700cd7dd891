import { DateScalar, DateTime } from './scalars';

describe('the Date and DateTime scalars', () => {
  it.each(['2026-02-28', '2024-02-29', '2026-12-31'])('take the calendar date %s', (value) => {
    expect(DateScalar.parseValue(value)).toBe(value);
  });

  it.each(['2026-02-30', '2025-02-29', '2026-13-01', '2026-1-1', '20260101', ''])('refuse %p', (value) => {
    expect(() => DateScalar.parseValue(value)).toThrow(/YYYY-MM-DD/);
  });

  it.each([
    ['2026-11-25T08:30:00Z', '2026-11-25T08:30:00.000Z'],
    ['2026-11-25T16:30:00.123+08:00', '2026-11-25T08:30:00.123Z'],
    ['2026-11-25T16:30+08:00', '2026-11-25T08:30:00.000Z'],
  ])('take the instant %s', (value, utc) => {
    expect((DateTime.parseValue(value) as Date).toISOString()).toBe(utc);
  });

  it.each(['1', '2026', '2026-11-25', '2026-11-25T08:30:00', 'Wed Nov 25 2026', '2026-02-30T00:00:00Z', 42])(
    'refuse the instant %p',
    (value) => {
      expect(() => DateTime.parseValue(value)).toThrow(/ISO-8601/);
    },
  );
});
