import type { Db } from 'mongodb';
import { badUserInput, domainError, ErrorCode, notFound } from '../../platform/errors';
import { requireCaseBasis } from '../kit/auth/legalBasis';
import { forbidden } from '../kit/auth/rules';
import type { RegisterContext } from '../kit/register/loaders';
import { KeyedSerialiser } from '../kit/serialise';
import { amountArg, textArg } from '../kit/validate';
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
  /** The court's notice for the case (EnforcementCase.basis). */
  basis: string;
}

function sameDeduction(existing: DeductionDocument, input: { controlId: string; amount: number }): DeductionDocument {
  if (existing.controlId !== input.controlId || existing.amount !== input.amount) {
    throw badUserInput('input.transferReference', 'was already used for a different deduction');
  }
  return existing;
}

/** This process's deductions from one account, in turn: each reads the balance the one before it left. */
const deducting = new KeyedSerialiser();

/**
 * Exactly once: the transfer reference is the deduction's _id, so only one insert of it can succeed.
 * Every check comes before it: the court's notice for the case that froze the money (a division head of
 * that court), the freeze active, the amount within what the freeze still holds and the account holds.
 */
export async function deductFrozenFunds(ctx: RegisterContext, input: DeductionInput, now: Date): Promise<DeductionDocument> {
  const reference = textArg('input.transferReference', input.transferReference, 64);
  if (reference.length < 6) throw badUserInput('input.transferReference', 'must be 6 to 64 characters');
  const amount = amountArg('input.amount', input.amount);
  const register = new RegisterRepository<FinanceAsset>(ctx.register.repository.db);
  const control = await register.controls.findOne({ _id: input.controlId });
  if (!control) throw notFound('control measure', input.controlId);
  const basis = requireCaseBasis(ctx, input.basis, control.caseNumber);
  if (basis.courtCode !== control.courtCode) throw forbidden(`${control._id} was not ordered by your court`);
  return deducting.run(`${register.assets.namespace}/${control.assetId}`, () =>
    deductOnce(register, control, { amount, reference, courtAccount: basis.caseAccount }, now));
}

async function deductOnce(
  register: RegisterRepository<FinanceAsset>,
  control: ControlDocument,
  order: { amount: number; reference: string; courtAccount: string },
  now: Date,
): Promise<DeductionDocument> {
  const deductions = register.db.collection<DeductionDocument>(DEDUCTIONS);
  const existing = await deductions.findOne({ _id: order.reference });
  if (existing) return applyToBalance(register, sameDeduction(existing, { controlId: control._id, amount: order.amount }));

  const head = ranked(await register.controls.find({ assetId: control.assetId, state: 'IN_QUEUE' }).toArray())[0];
  if (control.measure !== 'FREEZE' || head?.control._id !== control._id || head.status !== 'ACTIVE') {
    throw domainError(ErrorCode.INVALID_TRANSITION, `control ${control._id} is not the active freeze on ${control.assetId}`);
  }
  const asset = await register.assets.findOne({ _id: control.assetId });
  if (asset?.category === 'PROVIDENT_FUND' && !asset.withdrawalConditionMet) {
    throw domainError(ErrorCode.INVALID_TRANSITION, 'a provident fund may be deducted only when a withdrawal condition holds');
  }
  const already = (await deductions.find({ controlId: control._id }).toArray()).reduce((sum, d) => sum + d.amount, 0);
  if (already + order.amount > (head.control.executedAmount ?? head.control.amount ?? 0)) throw badUserInput('input.amount', 'exceeds what the freeze still holds');
  if (order.amount > (asset?.estimatedValue ?? 0)) throw badUserInput('input.amount', 'exceeds the balance of the account');

  const deduction: DeductionDocument = {
    _id: order.reference, controlId: control._id, assetId: control.assetId, caseNumber: control.caseNumber,
    amount: order.amount, courtAccount: order.courtAccount, deductedAt: now,
  };
  try {
    await deductions.insertOne(deduction);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return applyToBalance(register, sameDeduction((await deductions.findOne({ _id: order.reference })) as DeductionDocument, { controlId: control._id, amount: order.amount }));
  }
  return applyToBalance(register, deduction);
}

/** Lowers the balance once per deduction, even when a crash came between the insert and this update: a retry re-applies it. */
async function applyToBalance(register: RegisterRepository<FinanceAsset>, deduction: DeductionDocument): Promise<DeductionDocument> {
  await register.assets.updateOne(
    // The balance filter keeps it from ever going below zero, whatever raced the checks above.
    { _id: deduction.assetId, appliedDeductions: { $ne: deduction._id }, estimatedValue: { $gte: deduction.amount } },
    { $inc: { estimatedValue: -deduction.amount }, $push: { appliedDeductions: deduction._id }, $set: { registerUpdatedAt: deduction.deductedAt } },
  );
  return deduction;
}

export function deductionsOf(db: Db, control: ControlDocument): Promise<DeductionDocument[]> {
  return db.collection<DeductionDocument>(DEDUCTIONS).find({ controlId: control._id }).sort({ deductedAt: 1 }).toArray();
}
