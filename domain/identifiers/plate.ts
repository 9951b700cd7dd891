/** 号牌: 浙A·12345, new-energy 浙A·D12345. Only Zhejiang plates, the province's own vehicle register. */
import { CITIES } from './courts';
import { randomChars, randomDigits, type Random } from './random';

/** I and O are never issued: they read as 1 and 0. */
const PLATE_CHARS = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const CITY_LETTERS = CITIES.map((city) => city.plateLetter)
  .sort()
  .join('');
const SEPARATOR = '·';

/**
 * Folds the look-alike dots people type (•, ・, ., -, space, or none) into the middle dot,
 * and uppercases letters.
 */
export function normalisePlate(s: string): string {
  const compact = s.replace(/[\s·•・.-]/g, '').toUpperCase();
  return compact.length > 2 ? `${compact.slice(0, 2)}${SEPARATOR}${compact.slice(2)}` : compact;
}

/**
 * Reason the plate is invalid, or null. Input is normalised first. Large new-energy
 * plates (letter at the end) and special plates (警, 学, 挂...) are not accepted.
 */
export function checkPlate(input: string): string | null {
  const s = normalisePlate(input);
  if (!s.startsWith('浙')) return 'must be a Zhejiang plate starting with 浙';
  const letter = s.charAt(1);
  if (!CITY_LETTERS.includes(letter) || letter === '')
    return `city letter ${letter} is not a Zhejiang city (${CITY_LETTERS.split('').join(' ')})`;
  const serial = s.slice(3);
  if (serial.length === 6) {
    return /^[DF]\d{5}$/.test(serial) ? null : `new-energy serial ${serial} must be D or F followed by 5 digits`;
  }
  if (serial.length !== 5) return `serial ${serial} must be 5 characters (6 for new-energy plates)`;
  for (const ch of serial) {
    if (!PLATE_CHARS.includes(ch)) return `serial character ${ch} is not allowed (digits and letters except I and O)`;
  }
  return null;
}

export interface PlateOptions {
  readonly cityLetter?: string;
  readonly newEnergy?: boolean;
}

export function generatePlate(random: Random, options: PlateOptions = {}): string {
  const letter = options.cityLetter ?? random.pick(CITIES).plateLetter;
  const newEnergy = options.newEnergy ?? random.chance(0.15);
  // Ordinary serials are mostly digits with at most a couple of letters, as issued in practice.
  const serial = newEnergy
    ? `${random.pick(['D', 'F'])}${randomDigits(random, 5)}`
    : random.chance(0.6)
      ? `${randomChars(random, PLATE_CHARS, 1)}${randomDigits(random, 4)}`
      : `${randomChars(random, PLATE_CHARS, 2)}${randomDigits(random, 3)}`;
  return `浙${letter}${SEPARATOR}${serial}`;
}
