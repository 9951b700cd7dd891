/** 案号: （2024）浙0102执1234号 — year, court code, case type, sequence per court/type/year. */
import { COURTS, courtByCode } from './courts';
import { weightedPick, type Random } from './random';

export const CASE_TYPES = {
  执: 'FIRST_ENFORCEMENT',
  执恢: 'RESUMED',
  执保: 'PRESERVATION',
  执异: 'OBJECTION',
  执复: 'REVIEW',
  执监: 'SUPERVISION',
  执协: 'COORDINATION',
  执请: 'REQUEST_FOR_INSTRUCTIONS',
} as const;
export type CaseTypeCode = keyof typeof CASE_TYPES;
export type CaseTypeName = (typeof CASE_TYPES)[CaseTypeCode];

const CODE_BY_NAME = new Map(Object.entries(CASE_TYPES).map(([code, name]) => [name, code as CaseTypeCode]));

export function caseTypeCode(name: CaseTypeName): CaseTypeCode {
  const code = CODE_BY_NAME.get(name);
  if (!code) throw new RangeError(`unknown case type ${name}`);
  return code;
}

function isCaseTypeCode(s: string): s is CaseTypeCode {
  return Object.prototype.hasOwnProperty.call(CASE_TYPES, s);
}

export interface CaseNumber {
  readonly year: number;
  readonly courtCode: string;
  readonly type: CaseTypeCode;
  readonly sequence: number;
}

export const MIN_CASE_YEAR = 2000;
export const MAX_CASE_YEAR = 2100;
const EXAMPLE = 'e.g. （2024）浙0102执1234号';

/** Officers type ASCII parentheses; the canonical form, which idempotency keys use, is full-width. */
export function normaliseCaseNumber(s: string): string {
  return s.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** The parts of a case number, or the reason it is invalid. Input is normalised first. */
export function parseCaseNumber(input: string): CaseNumber | string {
  const s = normaliseCaseNumber(input);
  const head = /^（(\d{4})）/.exec(s);
  if (!head) return `must start with a 4-digit year in parentheses, ${EXAMPLE}`;
  const year = Number(head[1]);
  if (year < MIN_CASE_YEAR || year > MAX_CASE_YEAR) return `year ${year} must be between ${MIN_CASE_YEAR} and ${MAX_CASE_YEAR}`;
  if (!s.endsWith('号')) return `must end with 号, ${EXAMPLE}`;
  const body = /^(\p{Script=Han})(\d*)(\p{Script=Han}+)(\d+)$/u.exec(s.slice(head[0].length, -1));
  if (!body) return `must be （year）court code, case type and sequence, then 号, ${EXAMPLE}`;
  const [, province, courtDigits, type, digits] = body;
  const courtCode = `${province}${courtDigits}`;
  if (province !== '浙') return `court code ${courtCode} is not a Zhejiang court (must start with 浙)`;
  if (!courtByCode(courtCode)) return `unknown court code ${courtCode}`;
  if (!isCaseTypeCode(type)) return `unknown case type ${type}; expected one of ${Object.keys(CASE_TYPES).join(' ')}`;
  if (digits.startsWith('0')) return `sequence ${digits} must be a positive integer without leading zeros`;
  if (digits.length > 9) return `sequence ${digits} is too long`;
  return { year, courtCode, type, sequence: Number(digits) };
}

export function checkCaseNumber(s: string): string | null {
  const parsed = parseCaseNumber(s);
  return typeof parsed === 'string' ? parsed : null;
}

export function formatCaseNumber(parts: CaseNumber): string {
  return `（${parts.year}）${parts.courtCode}${parts.type}${parts.sequence}号`;
}

/** The domain's mix of case types in a year's intake (the seed draws from it too). */
export const CASE_TYPE_WEIGHTS: readonly (readonly [CaseTypeCode, number])[] = [
  ['执', 68],
  ['执保', 16],
  ['执恢', 8],
  ['执异', 5],
  ['执复', 1],
  ['执监', 0.5],
  ['执协', 1],
  ['执请', 0.5],
];

export interface CaseNumberOptions {
  readonly year?: number;
  readonly courtCode?: string;
  readonly type?: CaseTypeCode;
  /** Seeds that number cases per court/type/year pass the counter; otherwise a random one is drawn. */
  readonly sequence?: number;
}

export function generateCaseNumber(random: Random, options: CaseNumberOptions = {}): string {
  return formatCaseNumber({
    year: options.year ?? random.int(2015, 2025),
    courtCode: options.courtCode ?? random.pick(COURTS).code,
    type: options.type ?? weightedPick(random, CASE_TYPE_WEIGHTS),
    sequence: options.sequence ?? random.int(1, 20000),
  });
}
