import { badUserInput, notFound } from '../../platform/errors';
import { caseNumberArg } from '../kit/validate';
import type { VictimsContext } from './context';
import { caseOfRoundId, caseOfVerificationId, PARTICIPANT_ID, roundOfBatchId, splitPairId } from './ids';
import { paymentOf } from './payouts';
import type { BatchDocument, MassCaseDocument, ObjectionDocument, ParticipantDocument, PaymentDocument, RoundDocument } from './model';

/**
 * Each `…Arg` takes the argument as given, checks its shape (BAD_USER_INPUT naming it) and loads it
 * (NOT_FOUND). Each `caseOf…Arg` checks the shape only and gives the case the id belongs to (every id but a
 * participant's begins with its case number, ids.ts), so the court's notice is checked before anything is read.
 */

export function caseOfRoundArg(field: string, value: string): string {
  const caseNumber = caseOfRoundId(value);
  if (!caseNumber) throw badUserInput(field, 'is not a round id (<case number>#R<n>)');
  return caseNumber;
}

export function caseOfBatchArg(field: string, value: string): string {
  const round = roundOfBatchId(value);
  const caseNumber = round && caseOfRoundId(round);
  if (!caseNumber) throw badUserInput(field, 'is not a batch id (<round id>#B<n>)');
  return caseNumber;
}

export function caseOfPaymentArg(field: string, value: string): string {
  const pair = splitPairId(value);
  const caseNumber = pair && caseOfRoundId(pair.parent);
  if (!caseNumber) throw badUserInput(field, 'is not a payment id (<round id>|<participant id>)');
  return caseNumber;
}

export function caseOfObjectionArg(field: string, value: string): string {
  const pair = splitPairId(value);
  const caseNumber = pair && caseOfVerificationId(pair.parent);
  if (!caseNumber) throw badUserInput(field, 'is not an objection id (<verification id>|<participant id>)');
  return caseNumber;
}

export async function massCaseArg(ctx: VictimsContext, field: string, value: string): Promise<MassCaseDocument> {
  const caseNumber = caseNumberArg(field, value);
  const found = await ctx.massCaseByNumber.load(caseNumber);
  if (!found) throw notFound('mass-victim case', caseNumber);
  return found;
}

export async function participantArg(ctx: VictimsContext, field: string, value: string): Promise<ParticipantDocument> {
  if (!PARTICIPANT_ID.test(value)) throw badUserInput(field, 'is not a participant id (P + 16 hex digits)');
  const found = await ctx.participantById.load(value);
  if (!found) throw notFound('participant', value);
  return found;
}

export async function roundArg(ctx: VictimsContext, field: string, value: string): Promise<RoundDocument> {
  caseOfRoundArg(field, value);
  const found = await ctx.repo.rounds.findOne({ _id: value });
  if (!found) throw notFound('distribution round', value);
  return found;
}

export async function batchArg(ctx: VictimsContext, field: string, value: string): Promise<BatchDocument> {
  caseOfBatchArg(field, value);
  const found = await ctx.repo.batches.findOne({ _id: value });
  if (!found) throw notFound('payout batch', value);
  return found;
}

export async function paymentArg(ctx: VictimsContext, field: string, value: string): Promise<PaymentDocument> {
  caseOfPaymentArg(field, value);
  const found = await paymentOf(ctx.repo, value);
  if (!found) throw notFound('payment', value);
  return found;
}

export async function objectionArg(ctx: VictimsContext, field: string, value: string): Promise<ObjectionDocument> {
  caseOfObjectionArg(field, value);
  const found = await ctx.repo.objections.findOne({ _id: value });
  if (!found) throw notFound('objection', value);
  return found;
}
