import type { Db } from 'mongodb';
import { badUserInput, domainError, ErrorCode, notFound } from '../../platform/errors';
import { checkBankCard } from '../../domain/identifiers';
import { type IndexDeclaration, isDuplicateKey } from '../kit/mongo';
import type { ControlDocument } from '../kit/register/model';
import { ranked } from '../kit/register/queue';
import { RegisterRepository } from '../kit/register/repository';
import type { FinanceAsset } from './model';

export interface DeductionDocument {
  _id: string; // the transfer reference: a second deduction under it is the same deduction
  controlId: string;
  assetId: string;
  caseNumber: string;
  amount: number;
  courtAccount: string;
  deductedAt: Date;
}

export const DEDUCTIONS = 'deductions';
export const deductionIndexes: readonly IndexDeclaration[] = [{ collection: DEDUCTIONS, key: { controlId: 1 } }];

export interface DeductionInput {
  controlId: string;
  amount: number;
  transferReference: string;
  courtAccount: string;
}

function sameDeduction(existing: DeductionDocument, input: DeductionInput): DeductionDocument {
  if (existing.controlId !== input.controlId || existing.amount !== input.amount) {
    throw badUserInput('input.transferReference', 'was already used for a different deduction');
  }
  return existing;
}

/** Exactly once: the transfer reference is the deduction's _id, so only one insert of it can succeed. */
export async function deductFrozenFunds(db: Db, input: DeductionInput, now: Date): Promise<DeductionDocument> {
  const reference = input.transferReference.trim();
  if (reference.length < 6 || reference.length > 64) throw badUserInput('input.transferReference', 'must be 6 to 64 characters');
  const accountProblem = checkBankCard(input.courtAccount);
  if (accountProblem) throw badUserInput('input.courtAccount', accountProblem);
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw badUserInput('input.amount', 'must be a positive amount in fen');
  const deductions = db.collection<DeductionDocument>(DEDUCTIONS);
  const register = new RegisterRepository<FinanceAsset>(db);

  const existing = await deductions.findOne({ _id: reference });
  if (existing) return applyToBalance(register, sameDeduction(existing, { ...input, transferReference: reference }));

  const control = await register.controls.findOne({ _id: input.controlId });
  if (!control) throw notFound('control measure', input.controlId);
  const head = ranked(await register.controls.find({ assetId: control.assetId, state: 'IN_QUEUE' }).toArray())[0];
  if (control.measure !== 'FREEZE' || head?.control._id !== control._id || head.status !== 'ACTIVE') {
    throw domainError(ErrorCode.INVALID_TRANSITION, `control ${control._id} is not the active freeze on ${control.assetId}`);
  }
  const asset = await register.assets.findOne({ _id: control.assetId });
  if (asset?.category === 'PROVIDENT_FUND' && !asset.withdrawalConditionMet) {
    throw domainError(ErrorCode.INVALID_TRANSITION, 'a provident fund may be deducted only when a withdrawal condition holds');
  }
  const already = (await deductions.find({ controlId: control._id }).toArray()).reduce((sum, d) => sum + d.amount, 0);
  if (already + input.amount > (control.executedAmount ?? control.amount ?? 0)) throw badUserInput('input.amount', 'exceeds what the freeze holds');

  const deduction: DeductionDocument = {
    _id: reference, controlId: control._id, assetId: control.assetId, caseNumber: control.caseNumber,
    amount: input.amount, courtAccount: input.courtAccount, deductedAt: now,
  };
  try {
    await deductions.insertOne(deduction);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return applyToBalance(register, sameDeduction((await deductions.findOne({ _id: reference })) as DeductionDocument, input));
  }
  return applyToBalance(register, deduction);
}

/** Lowers the balance once per deduction, even when a crash came between the insert and this update: a retry re-applies it. */
async function applyToBalance(register: RegisterRepository<FinanceAsset>, deduction: DeductionDocument): Promise<DeductionDocument> {
  await register.assets.updateOne(
    { _id: deduction.assetId, appliedDeductions: { $ne: deduction._id } },
    { $inc: { estimatedValue: -deduction.amount }, $push: { appliedDeductions: deduction._id }, $set: { registerUpdatedAt: deduction.deductedAt } },
  );
  return deduction;
}

export function deductionsOf(db: Db, control: ControlDocument): Promise<DeductionDocument[]> {
  return db.collection<DeductionDocument>(DEDUCTIONS).find({ controlId: control._id }).sort({ deductedAt: 1 }).toArray();
}
