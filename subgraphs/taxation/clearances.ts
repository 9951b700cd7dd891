import type { Collection } from 'mongodb';
import { amountArg } from '../kit/validate';
import { domainError, ErrorCode } from '../../platform/errors';
import { isDuplicateKey } from '../kit/mongo';
import { isSettled } from '../kit/taxClearance';
import { taxAuthorityName } from './authority';
import { clearanceId, type ClearanceDocument } from './model';

export interface TransferTaxSettlement {
  caseNumber: string;
  unitId: string;
  taxDue: number; // fen
  taxPaid: number; // fen
}

/** Legal dates are stored as midnight UTC (see kit/validate.ts). */
const dayOf = (now: Date) => new Date(`${now.toISOString().slice(0, 10)}T00:00:00.000Z`);

/**
 * Tax staff record the transfer taxes assessed and paid on one unit in one case. Recording again
 * replaces the figures (a reassessment, a further payment); the day it was first settled is kept while
 * it stays settled, so a certificate issued then still states the same day.
 */
export async function settleTransferTax(
  clearances: Collection<ClearanceDocument>,
  input: TransferTaxSettlement,
  now: Date,
): Promise<ClearanceDocument> {
  const taxDue = amountArg('input.taxDue', input.taxDue, 0);
  const taxPaid = amountArg('input.taxPaid', input.taxPaid, 0);
  const _id = clearanceId(input.caseNumber, input.unitId);
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = await clearances.findOne({ _id });
    const settledOn = taxPaid < taxDue ? null : existing?.settledOn && isSettled(existing) ? existing.settledOn : dayOf(now);
    const figures = { taxDue, taxPaid, settledOn };
    if (existing) {
      await clearances.updateOne({ _id }, { $set: figures });
      return { ...existing, ...figures };
    }
    const created: ClearanceDocument = {
      _id,
      caseNumber: input.caseNumber,
      unitId: input.unitId,
      // The bureau of the county the unit lies in: its number starts with the county's division code.
      taxAuthority: taxAuthorityName(input.unitId.slice(0, 6)),
      assessedOn: dayOf(now),
      ...figures,
    };
    try {
      await clearances.insertOne(created);
      return created;
    } catch (error) {
      // Another clerk recorded this clearance first: record these figures over it, as a second entry would.
      if (!isDuplicateKey(error)) throw error;
    }
  }
  throw domainError(ErrorCode.INTERNAL_SERVER_ERROR, `clearance ${_id} could not be recorded`);
}
