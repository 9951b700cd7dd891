/**
 * 退税编号: the tax bureau's number of one approved refund, "TR" + taxpayer number (citizen ID or USCC, 18)
 * + year of approval (4) + sequence of the taxpayer's refunds that year (3), e.g. TR91330102MA2H3K4L5X2026001.
 * Letters and digits only, so the number travels in URLs and file names unescaped.
 */
import { checkCitizenId, generateCitizenId } from './citizenId';
import { checkUscc, generateUscc } from './uscc';
import type { Random } from './random';

export const TAX_REFUND_NUMBER_LENGTH = 27;
const PREFIX = 'TR';
const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

export interface TaxRefundNumber {
  taxpayerNumber: string;
  year: number;
  sequence: number;
}

export function normaliseTaxRefundNumber(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** Reason the number is invalid, or null. The embedded taxpayer number must pass its own check. */
export function checkTaxRefundNumber(s: string): string | null {
  if (s.length !== TAX_REFUND_NUMBER_LENGTH) return `must be ${TAX_REFUND_NUMBER_LENGTH} characters (got ${s.length})`;
  if (!s.startsWith(PREFIX)) return `must start with ${PREFIX}`;
  const taxpayer = s.slice(2, 20);
  const asUscc = checkUscc(taxpayer);
  const asCitizen = checkCitizenId(taxpayer);
  if (asUscc !== null && asCitizen !== null) {
    const reason = /^\d{17}[\dX]$/.test(taxpayer) ? asCitizen : asUscc;
    return `taxpayer number (characters 3-20) is neither a citizen ID nor a USCC: ${reason}`;
  }
  const tail = s.slice(20);
  if (!/^\d{7}$/.test(tail)) return 'must end with a 4-digit year and a 3-digit sequence';
  const year = Number(tail.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return `year ${year} must be between ${MIN_YEAR} and ${MAX_YEAR}`;
  if (tail.slice(4) === '000') return 'sequence must not be 000';
  return null;
}

export function formatTaxRefundNumber(parts: TaxRefundNumber): string {
  return `${PREFIX}${parts.taxpayerNumber}${parts.year}${String(parts.sequence).padStart(3, '0')}`;
}

export interface TaxRefundNumberOptions {
  readonly taxpayerNumber?: string;
  readonly year?: number;
  readonly sequence?: number;
}

export function generateTaxRefundNumber(random: Random, options: TaxRefundNumberOptions = {}): string {
  const taxpayerNumber =
    options.taxpayerNumber ?? (random.chance(0.5) ? generateCitizenId(random, { birthYears: [1950, 2000] }) : generateUscc(random));
  return formatTaxRefundNumber({
    taxpayerNumber,
    year: options.year ?? random.int(2020, 2026),
    sequence: options.sequence ?? random.int(1, 5),
  });
}
