import { badUserInput } from '../../platform/errors';
import type { CaseCursor } from './repository';

/** Cursors are opaque to clients; base64url keeps them URL-safe while carrying the sort position. */
export function encodeCursor(cursor: CaseCursor): string {
  return Buffer.from(JSON.stringify([cursor.filedAt.toISOString(), cursor.caseNumber])).toString('base64url');
}

export function decodeCursor(field: string, value: string): CaseCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      const filedAt = new Date(parsed[0]);
      if (!Number.isNaN(filedAt.getTime())) return { filedAt, caseNumber: parsed[1] };
    }
  } catch {
    // falls through to the error below
  }
  throw badUserInput(field, 'is not a cursor returned by this query');
}
