/**
 * 统一社会信用代码 (GB 32100): 1 registration authority, 2 organisation type,
 * 3-8 division code, 9-17 organisation code (with its own check), 18 check character.
 */
import { checkDivisionCode } from './areas';
import { BASIC_COURTS } from './courts';
import { randomChars, randomDigits, weightedPick, type Random } from './random';

/** I, O, S, V and Z are left out so the code survives handwriting and phone dictation. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** Registration authorities of GB 32100 (1 编制, 5 民政, 9 市场监管, A/N/Y others...). Position 2 is not checked. */
const AUTHORITIES = new Set('123456789ANY');

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 organisation code check over the first 8 characters; letters count A=10..Z=35. */
export function organisationCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8.charAt(i), 36) * ORG_WEIGHTS[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function normaliseUscc(code: string): string {
  return code.trim().toUpperCase();
}

/** Reason the code is invalid, or null. */
export function checkUscc(code: string): string | null {
  if (code.length !== 18) return `must be 18 characters (got ${code.length})`;
  if (code !== code.toUpperCase()) return 'letters must be uppercase';
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code.charAt(i))) {
      return `character ${code.charAt(i)} at position ${i + 1} is not allowed (digits and uppercase letters except I, O, S, V, Z)`;
    }
  }
  if (!AUTHORITIES.has(code.charAt(0))) return `registration authority code ${code.charAt(0)} is unknown`;
  const division = checkDivisionCode(code.slice(2, 8), 'division code (positions 3-8)');
  if (division) return division;
  const orgCheck = organisationCodeCheckChar(code.slice(8, 16));
  if (code.charAt(16) !== orgCheck) return `organisation code check (position 17) should be ${orgCheck} (got ${code.charAt(16)})`;
  const check = usccCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== check) return `check character should be ${check} (got ${code.charAt(17)})`;
  return null;
}

/** Authority + type pairs seen in enforcement: companies dominate, then sole traders. */
const KINDS = {
  COMPANY: '91',
  SOLE_TRADER: '92',
  FARMERS_COOPERATIVE: '93',
  PUBLIC_INSTITUTION: '12',
  SOCIAL_ORGANISATION: '51',
} as const;
export type UsccKind = keyof typeof KINDS;
const KIND_WEIGHTS: readonly (readonly [UsccKind, number])[] = [
  ['COMPANY', 80],
  ['SOLE_TRADER', 15],
  ['FARMERS_COOPERATIVE', 3],
  ['PUBLIC_INSTITUTION', 1],
  ['SOCIAL_ORGANISATION', 1],
];

export interface UsccOptions {
  /** 6-digit division of the registering authority; defaults to a random Zhejiang basic court's division. */
  readonly divisionCode?: string;
  readonly kind?: UsccKind;
}

export function generateUscc(random: Random, options: UsccOptions = {}): string {
  const division = options.divisionCode ?? random.pick(BASIC_COURTS).divisionCode;
  const prefix = KINDS[options.kind ?? weightedPick(random, KIND_WEIGHTS)];
  // Codes issued since 2015 mostly start with MA; older ones carry the old all-digit organisation code.
  const org8 = random.chance(0.6) ? `MA${randomChars(random, USCC_ALPHABET, 6)}` : randomDigits(random, 8);
  const first17 = `${prefix}${division}${org8}${organisationCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}
