/**
 * Registration numbers of intellectual property: patent numbers (专利号), trademark registration
 * numbers (商标注册号) and software copyright registration numbers (软件著作权登记号).
 */
import { randomDigits, type Random } from './random';

export type PatentKind = 'INVENTION_PATENT' | 'UTILITY_MODEL' | 'DESIGN_PATENT';

const PATENT_WEIGHTS = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
/** The type digit of an application number; 8 and 9 are PCT applications entering China. */
const PATENT_TYPE_DIGITS: Readonly<Record<string, PatentKind>> = {
  '1': 'INVENTION_PATENT',
  '8': 'INVENTION_PATENT',
  '2': 'UTILITY_MODEL',
  '9': 'UTILITY_MODEL',
  '3': 'DESIGN_PATENT',
};

/**
 * Σ digit × weights 2,3,…,9,2,3,4,5 mod 11, 10 written X. The weights start the same for the
 * 8-digit numbers issued before 2004 and the 12-digit ones since, so one function serves both.
 */
export function patentCheckChar(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits.charAt(i)) * PATENT_WEIGHTS[i];
  const check = sum % 11;
  return check === 10 ? 'X' : String(check);
}

/** Spaces and a lowercase zl or x are common when numbers are copied from certificates. */
export function normaliseIpNumber(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** ZL + application number: 12 digits (year, type, 7-digit serial) or 8 before 2004, then . and the check character. */
export function checkPatentNumber(s: string): string | null {
  const m = /^ZL(\d{8}|\d{12})\.([\dX])$/.exec(s);
  if (!m) return 'a patent number must be ZL, 12 digits (8 before 2004), a dot and a check character, e.g. ZL202310123456.7';
  const [, digits, given] = m;
  const typeDigit = digits.length === 12 ? digits.charAt(4) : digits.charAt(2);
  if (!PATENT_TYPE_DIGITS[typeDigit]) return `patent type digit ${typeDigit} is unknown (1/8 invention, 2/9 utility model, 3 design)`;
  const check = patentCheckChar(digits);
  return given === check ? null : `check character should be ${check} (got ${given})`;
}

export function patentKindOf(patentNumber: string): PatentKind | null {
  const digits = patentNumber.replace(/^ZL/, '').split('.')[0] ?? '';
  return PATENT_TYPE_DIGITS[digits.length === 12 ? digits.charAt(4) : digits.charAt(2)] ?? null;
}

export function generatePatentNumber(random: Random, kind: PatentKind, applicationYear: number): string {
  const typeDigit = kind === 'INVENTION_PATENT' ? (random.chance(0.1) ? '8' : '1') : kind === 'UTILITY_MODEL' ? '2' : '3';
  const digits = `${applicationYear}${typeDigit}${randomDigits(random, 7)}`;
  return `ZL${digits}.${patentCheckChar(digits)}`;
}

/** Trademark registration numbers carry no check digit; recent ones run to 8 digits. */
export function checkTrademarkNumber(s: string): string | null {
  return /^\d{7,8}$/.test(s) ? null : 'a trademark registration number must be 7 or 8 digits';
}

export function generateTrademarkNumber(random: Random): string {
  return `${random.int(1, 7)}${randomDigits(random, 7)}`;
}

/** Year + SR + serial: 7 digits since about 2012, 6 before; no check digit. */
export function checkSoftwareCopyrightNumber(s: string): string | null {
  const m = /^(\d{4})SR(\d{6,7})$/.exec(s);
  if (!m) return 'a software copyright registration number must be a year, SR and 6 or 7 digits, e.g. 2023SR0123456';
  const year = Number(m[1]);
  return year >= 1992 && year <= 2099 ? null : `registration year ${year} is out of range`;
}

export function generateSoftwareCopyrightNumber(random: Random, year: number): string {
  return `${year}SR${randomDigits(random, 7)}`;
}

/** Reason a (normalised) registration number of any of the three kinds is invalid, or null. */
export function checkIpNumber(s: string): string | null {
  if (s.startsWith('ZL')) return checkPatentNumber(s);
  if (/^\d+SR/.test(s)) return checkSoftwareCopyrightNumber(s);
  if (/^\d+$/.test(s)) return checkTrademarkNumber(s);
  return 'must be a patent number (ZL202310123456.7), a trademark registration number (7-8 digits) or a software copyright number (2023SR0123456)';
}
