import { decodePosition, encodePosition, positionDate } from '../kit/workList';
import type { CaseCursor } from './repository';

/** A page of cases goes on after the last case's filing time and number (kit/workList.ts's codec). */
export function encodeCursor(cursor: CaseCursor): string {
  return encodePosition([cursor.filedAt.toISOString(), cursor.caseNumber]);
}

export function decodeCursor(field: string, value: string): CaseCursor {
  const [filedAt, caseNumber] = decodePosition(field, value, 2);
  return { filedAt: positionDate(field, filedAt), caseNumber };
}
