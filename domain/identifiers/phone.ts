/** Mainland mobile numbers: 11 digits starting 13-19. */
import { randomDigits, type Random } from './random';

/** Strips spaces, dashes and a +86 / 86 country prefix. */
export function normalisePhone(s: string): string {
  const compact = s.replace(/[\s-]/g, '');
  return compact.length === 13 && compact.startsWith('86') ? compact.slice(2) : compact.replace(/^\+86/, '');
}

export function checkPhone(s: string): string | null {
  if (!/^\d+$/.test(s)) return 'must contain digits only';
  if (s.length !== 11) return `must be 11 digits (got ${s.length})`;
  return /^1[3-9]/.test(s) ? null : `must start with 13 to 19 (got ${s.slice(0, 2)})`;
}

export function maskPhone(s: string): string {
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

export function generatePhone(random: Random): string {
  return `1${random.int(3, 9)}${randomDigits(random, 9)}`;
}
