import type { KeyObject } from 'node:crypto';
import { privateKey, publicKey, signToken, verifyToken } from '../../platform/signing';

/**
 * 完税证明: the tax bureau's signed statement of the transfer taxes on one unit in one case, which the
 * court hands to the real-estate registry with the transfer. It states what was recorded, settled or
 * not, so the registry can refuse an unsettled one with the figures.
 */
export interface TaxClearanceStatement {
  caseNumber: string;
  /** 不动产单元号 of the unit transferred. */
  unitId: string;
  /** YYYY-MM-DD; null while the taxes are not paid in full. */
  settledOn: string | null;
  taxDue: number; // fen
  taxPaid: number; // fen
}

// Names what was signed, so a token the same key signed for another purpose cannot pass as a clearance.
const KIND = 'TAX_CLEARANCE';

export function issueTaxClearanceCertificate(statement: TaxClearanceStatement, key: KeyObject = privateKey('TAX_CLEARANCE')): string {
  const { caseNumber, unitId, settledOn, taxDue, taxPaid } = statement;
  return signToken({ kind: KIND, caseNumber, unitId, settledOn, taxDue, taxPaid }, key);
}

function isStatement(value: unknown): value is TaxClearanceStatement & { kind: string } {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    v.kind === KIND &&
    typeof v.caseNumber === 'string' &&
    typeof v.unitId === 'string' &&
    (v.settledOn === null || typeof v.settledOn === 'string') &&
    Number.isSafeInteger(v.taxDue) &&
    Number.isSafeInteger(v.taxPaid)
  );
}

/** The statement of a certificate the tax bureau signed, or why it is not one. */
export function readTaxClearanceCertificate(
  token: string,
  key: KeyObject = publicKey('TAX_CLEARANCE'),
): TaxClearanceStatement | { problem: string } {
  const verified = verifyToken(token, key);
  if ('problem' in verified) return verified;
  if (!isStatement(verified.payload)) return { problem: 'is signed but is not a tax clearance certificate' };
  const { caseNumber, unitId, settledOn, taxDue, taxPaid } = verified.payload;
  return { caseNumber, unitId, settledOn, taxDue, taxPaid };
}

/** Paid in full, not merely marked: a partial payment leaves the transfer blocked. */
export function isSettled(statement: { settledOn: string | Date | null; taxDue: number; taxPaid: number }): boolean {
  return statement.settledOn !== null && statement.taxPaid >= statement.taxDue;
}
