/** VIN (ISO 3779 / GB 16735): 17 characters, check character at position 9. */
import { randomChars, randomDigits, type Random } from './random';

/** I, O and Q are excluded: they read as 1 and 0. */
const VIN_CHARS = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const LETTER_VALUES: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
/** Model-year codes (position 10) skip U, Z and 0 besides I, O, Q. */
const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';

function valueOf(ch: string): number {
  return /\d/.test(ch) ? Number(ch) : (LETTER_VALUES[ch] ?? 0);
}

/** Σ value × weight mod 11 over all 17 positions (position 9 weighs 0); 10 is written X. */
export function vinCheckChar(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += valueOf(vin.charAt(i)) * WEIGHTS[i];
  const check = sum % 11;
  return check === 10 ? 'X' : String(check);
}

export function normaliseVin(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

export function checkVin(vin: string): string | null {
  if (vin.length !== 17) return `must be 17 characters (got ${vin.length})`;
  if (vin !== vin.toUpperCase()) return 'letters must be uppercase';
  for (let i = 0; i < 17; i++) {
    if (!VIN_CHARS.includes(vin.charAt(i))) {
      return `character ${vin.charAt(i)} at position ${i + 1} is not allowed (digits and letters except I, O, Q)`;
    }
  }
  if (!YEAR_CODES.includes(vin.charAt(9))) return `model year character ${vin.charAt(9)} (position 10) cannot be U, Z or 0`;
  const check = vinCheckChar(vin);
  if (vin.charAt(8) !== check) return `check character (position 9) should be ${check} (got ${vin.charAt(8)})`;
  return null;
}

/** World manufacturer identifiers of makers building in China (SAIC-VW, FAW-VW, SAIC-GM, BMW Brilliance, Geely, BYD...). */
const CHINESE_WMIS = ['LSV', 'LFV', 'LSG', 'LBV', 'LVS', 'LGB', 'LHG', 'LVG', 'L6T', 'LGX', 'LFP', 'LDC'];

export function generateVin(random: Random): string {
  const wmi = random.pick(CHINESE_WMIS);
  const vds = randomChars(random, VIN_CHARS, 5);
  const year = randomChars(random, YEAR_CODES.slice(0, 16), 1);
  const plant = randomChars(random, VIN_CHARS, 1);
  const serial = randomDigits(random, 6);
  const withPlaceholder = `${wmi}${vds}0${year}${plant}${serial}`;
  const check = vinCheckChar(withPlaceholder);
  return `${withPlaceholder.slice(0, 8)}${check}${withPlaceholder.slice(9)}`;
}
