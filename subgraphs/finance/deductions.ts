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
 * Every check comes before any write: the court's notice for the case that froze the money (a division
 * head of that court), the freeze active, the amount within what the freeze still holds and what the
 * account holds beyond the claims that rank ahead of the court (securedClaims).
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
    deductOnce(register, control, { amount, reference, courtAccount: basis.caseAccount }, now),
  );
}

interface Order {
  amount: number;
  reference: string;
  courtAccount: string;
}

const BEYOND_FREEZE = 'exceeds what the freeze still holds';
const BEYOND_BALANCE = 'exceeds the balance of the account beyond the claims ranking ahead of the court';

/** What the account holds for the court: its balance less the claims that rank ahead (a pledge, a set-off). */
const available = (asset: FinanceAsset | null): number => Math.max(0, (asset?.estimatedValue ?? 0) - (asset?.securedClaims ?? 0));

async function deductOnce(
  register: RegisterRepository<FinanceAsset>,
  control: ControlDocument,
  order: Order,
  now: Date,
): Promise<DeductionDocument> {
  const deductions = register.db.collection<DeductionDocument>(DEDUCTIONS);
  // The record is written last, so a deduction on record has moved its money: a retry returns it.
  const existing = await deductions.findOne({ _id: order.reference });
  if (existing) return sameDeduction(existing, { controlId: control._id, amount: order.amount });

  const head = ranked(await register.controls.find({ assetId: control.assetId, state: 'IN_QUEUE' }).toArray())[0];
  if (control.measure !== 'FREEZE' || head?.control._id !== control._id || head.status !== 'ACTIVE') {
    throw domainError(ErrorCode.INVALID_TRANSITION, `control ${control._id} is not the active freeze on ${control.assetId}`);
  }
  const asset = await register.assets.findOne({ _id: control.assetId });
  if (asset?.category === 'PROVIDENT_FUND' && !asset.withdrawalConditionMet) {
    throw domainError(ErrorCode.INVALID_TRANSITION, 'a provident fund may be deducted only when a withdrawal condition holds');
  }
  const ceiling = head.control.executedAmount ?? head.control.amount ?? 0;
  const resumed = head.control.deductionReferences?.includes(order.reference) ?? false;
  if (!resumed && (head.control.deducted ?? 0) + order.amount > ceiling) throw badUserInput('input.amount', BEYOND_FREEZE);
  const resumedOnAccount = asset?.appliedDeductions?.includes(order.reference) ?? false;
  if (!resumedOnAccount && order.amount > available(asset)) throw badUserInput('input.amount', BEYOND_BALANCE);

  const deduction: DeductionDocument = {
    _id: order.reference,
    controlId: control._id,
    assetId: control.assetId,
    caseNumber: control.caseNumber,
    amount: order.amount,
    courtAccount: order.courtAccount,
    deductedAt: now,
  };
  await takeFromFreeze(register, control._id, order, ceiling);
  await takeFromAccount(register, control._id, deduction, asset?.securedClaims ?? 0);
  try {
    await deductions.insertOne(deduction);
    return deduction;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return sameDeduction((await deductions.findOne({ _id: order.reference })) as DeductionDocument, {
      controlId: control._id,
      amount: order.amount,
    });
  }
}

/**
 * The freeze's share, by one guarded update: what it has given never exceeds what it holds executed,
 * whatever raced the checks (another instance of this subgraph). A reference already taken is not taken twice.
 */
async function takeFromFreeze(register: RegisterRepository<FinanceAsset>, controlId: string, order: Order, ceiling: number): Promise<void> {
  const taken = await register.controls.updateOne(
    {
      _id: controlId,
      deductionReferences: { $ne: order.reference },
      $or: [{ deducted: { $exists: false } }, { deducted: { $lte: ceiling - order.amount } }],
    },
    { $inc: { deducted: order.amount }, $push: { deductionReferences: order.reference } },
  );
  if (taken.matchedCount === 1) return;
  const control = await register.controls.findOne({ _id: controlId });
  if (!control?.deductionReferences?.includes(order.reference)) throw badUserInput('input.amount', BEYOND_FREEZE);
}

/**
 * The account's side, by one guarded update: the balance never goes below what ranks ahead of the court.
 * If a race took the money first, the freeze's share is handed back and the deduction refused.
 */
async function takeFromAccount(
  register: RegisterRepository<FinanceAsset>,
  controlId: string,
  deduction: DeductionDocument,
  securedClaims: number,
): Promise<void> {
  const taken = await register.assets.updateOne(
    { _id: deduction.assetId, appliedDeductions: { $ne: deduction._id }, estimatedValue: { $gte: deduction.amount + securedClaims } },
    {
      $inc: { estimatedValue: -deduction.amount },
      $push: { appliedDeductions: deduction._id },
      $set: { registerUpdatedAt: deduction.deductedAt },
    },
  );
  if (taken.matchedCount === 1) return;
  const asset = await register.assets.findOne({ _id: deduction.assetId });
  if (asset?.appliedDeductions?.includes(deduction._id)) return;
  await register.controls.updateOne(
    { _id: controlId, deductionReferences: deduction._id },
    { $inc: { deducted: -deduction.amount }, $pull: { deductionReferences: deduction._id } },
  );
  throw badUserInput('input.amount', BEYOND_BALANCE);
}

export function deductionsOf(db: Db, control: ControlDocument): Promise<DeductionDocument[]> {
  return db.collection<DeductionDocument>(DEDUCTIONS).find({ controlId: control._id }).sort({ deductedAt: 1 }).toArray();
}
