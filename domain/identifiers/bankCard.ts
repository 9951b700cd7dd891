/** Bank card / account numbers: 16-19 digits with a Luhn check digit. */
import { randomDigits, type Random } from './random';

/** Luhn check digit for the digits before it: double every second digit from the right. */
export function luhnCheckDigit(payload: string): string {
  let sum = 0;
  for (let i = payload.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = Number(payload.charAt(i));
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export function normaliseBankCard(s: string): string {
  return s.replace(/[\s-]/g, '');
}

export function checkBankCard(s: string): string | null {
  if (!/^\d+$/.test(s)) return 'must contain digits only';
  if (s.length < 16 || s.length > 19) return `must be 16 to 19 digits (got ${s.length})`;
  const check = luhnCheckDigit(s.slice(0, -1));
  if (s.charAt(s.length - 1) !== check) return `check digit (Luhn) should be ${check} (got ${s.charAt(s.length - 1)})`;
  return null;
}

/** Always four groups, so the mask does not reveal whether the card has 16 or 19 digits. */
export function maskBankCard(s: string): string {
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 4)} **** **** ${s.slice(-4)}`;
}

/** Debit card BINs of large banks with their card length; numbers made from them are synthetic. */
export const BANK_PREFIXES = [
  { prefix: '622202', bank: 'ICBC', length: 19 },
  { prefix: '622848', bank: 'ABC', length: 19 },
  { prefix: '621700', bank: 'CCB', length: 19 },
  { prefix: '621661', bank: 'BOC', length: 19 },
  { prefix: '622588', bank: 'CMB', length: 16 },
] as const;
export type BankCode = (typeof BANK_PREFIXES)[number]['bank'];

export interface BankCardOptions {
  readonly bank?: BankCode;
}

export function generateBankCard(random: Random, options: BankCardOptions = {}): string {
  const bin = options.bank === undefined ? random.pick(BANK_PREFIXES) : BANK_PREFIXES.find((b) => b.bank === options.bank);
  if (!bin) throw new RangeError(`unknown bank ${String(options.bank)}`);
  const payload = `${bin.prefix}${randomDigits(random, bin.length - bin.prefix.length - 1)}`;
  return payload + luhnCheckDigit(payload);
}
