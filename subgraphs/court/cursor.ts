import { badUserInput } from '../../platform/errors';
import type { CaseCursor } from './repository';

/**
 * Cursors are opaque to clients: the sort position as a JSON tuple of strings, base64url so it is URL-safe.
 * One codec for every paged list of the court (cases, referral work lists).
 */
export function encodePosition(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The tuple of `arity` strings a cursor carries, or BAD_USER_INPUT naming `field`. */
export function decodePosition(field: string, value: string, arity: number): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === arity && parsed.every((part) => typeof part === 'string')) return parsed as string[];
  } catch {
    // falls through to the error below
  }
  throw badUserInput(field, 'is not a cursor returned by this query');
}

/** A date a cursor carries, or BAD_USER_INPUT naming `field`. */
export function positionDate(field: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badUserInput(field, 'is not a cursor returned by this query');
  return date;
}

export function encodeCursor(cursor: CaseCursor): string {
  return encodePosition([cursor.filedAt.toISOString(), cursor.caseNumber]);
}

export function decodeCursor(field: string, value: string): CaseCursor {
  const [filedAt, caseNumber] = decodePosition(field, value, 2);
  return { filedAt: positionDate(field, filedAt), caseNumber };
}
