/** 居民身份证号: 6-digit area + YYYYMMDD birth date + 3-digit sequence (odd = male) + check character. */
import { checkDivisionCode } from './areas';
import { BASIC_COURTS } from './courts';
import type { Random } from './random';

export type Sex = 'MALE' | 'FEMALE';

/** (1 − 2·int(first 17, base 13)) mod 11 per domain.md; 10 is written X. */
export function citizenIdCheckChar(first17: string): string {
  let n = 0;
  for (const ch of first17) n = (n * 13 + Number(ch)) % 11;
  const check = (((1 - 2 * n) % 11) + 11) % 11;
  return check === 10 ? 'X' : String(check);
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Trims and uppercases a trailing x, the most common typing slip. */
export function normaliseCitizenId(id: string): string {
  return id.trim().toUpperCase();
}

/** Reason the ID is invalid, or null. Birth dates after `today` are refused. */
export function checkCitizenId(id: string, today: Date = new Date()): string | null {
  if (id.length !== 18) return `must be 18 characters (got ${id.length})`;
  if (!/^\d{17}$/.test(id.slice(0, 17))) return 'the first 17 characters must be digits';
  const last = id.charAt(17);
  if (last === 'x') return 'the check character must be an uppercase X';
  if (!/^[0-9X]$/.test(last)) return `the check character must be a digit or X (got ${last})`;
  const area = checkDivisionCode(id.slice(0, 6), 'area code');
  if (area) return area;
  const birth = id.slice(6, 14);
  const [y, m, d] = [Number(birth.slice(0, 4)), Number(birth.slice(4, 6)), Number(birth.slice(6, 8))];
  if (y < 1900 || !isCalendarDate(y, m, d)) return `birth date ${birth} is not a valid date`;
  if (Date.UTC(y, m - 1, d) > today.getTime()) return `birth date ${birth} is in the future`;
  const expected = citizenIdCheckChar(id.slice(0, 17));
  if (last !== expected) return `check character should be ${expected} (got ${last})`;
  return null;
}

export function citizenIdSex(id: string): Sex {
  return Number(id.charAt(16)) % 2 === 1 ? 'MALE' : 'FEMALE';
}

/** Birth date as YYYY-MM-DD. */
export function citizenIdBirthDate(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** 330102********123X: area and last four kept, so officers can tell people apart without the birth date. */
export function maskCitizenId(id: string): string {
  if (id.length < 14) return '*'.repeat(id.length);
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

export interface CitizenIdOptions {
  /** 6-digit area code; defaults to a random Zhejiang basic court's division. */
  readonly areaCode?: string;
  /** Inclusive range of birth years; keep it in the past (default 1940-2005). */
  readonly birthYears?: readonly [number, number];
  readonly sex?: Sex;
}

export function generateCitizenId(random: Random, options: CitizenIdOptions = {}): string {
  const area = options.areaCode ?? random.pick(BASIC_COURTS).divisionCode;
  const [minYear, maxYear] = options.birthYears ?? [1940, 2005];
  const year = random.int(minYear, maxYear);
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  const sex = options.sex ?? (random.chance(0.5) ? 'MALE' : 'FEMALE');
  const sequence = 2 * random.int(0, 499) + (sex === 'MALE' ? 1 : 0);
  const first17 = `${area}${year}${pad(month, 2)}${pad(day, 2)}${pad(sequence, 3)}`;
  return first17 + citizenIdCheckChar(first17);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
