/** Mainland aircraft registration mark: B- and four characters (B-1234, B-123A, B-30AU). */
import { randomChars, randomDigits, type Random } from './random';

/** Generated marks avoid I and O, which read as 1 and 0; the validator still accepts them. */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

export function normaliseAircraftMark(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

/** The first character is a digit: letter-first marks (B-HSA, B-MAA) belong to Hong Kong and Macao registers. */
export function checkAircraftMark(s: string): string | null {
  if (!s.startsWith('B-')) return 'must start with B-';
  const tail = s.slice(2);
  if (tail.length !== 4) return `must have 4 characters after B- (got ${tail.length})`;
  if (!/^\d/.test(tail)) return 'the first character after B- must be a digit';
  return /^[0-9A-Z]{4}$/.test(tail) ? null : 'characters after B- must be digits or uppercase letters';
}

export function generateAircraftMark(random: Random): string {
  const shape = random.int(0, 2);
  const tail =
    shape === 0
      ? randomDigits(random, 4)
      : shape === 1
        ? `${randomDigits(random, 3)}${randomChars(random, LETTERS, 1)}`
        : `${randomDigits(random, 2)}${randomChars(random, LETTERS, 2)}`;
  return `B-${tail}`;
}
