import { nowOf } from '../../platform/clock';
import type { ResolverMap } from '../kit/resolverMaps';
import { badUserInput, domainError, ErrorCode } from '../../platform/errors';
import { isDuplicateKey } from '../kit/mongo';
import { caseNumberArg } from '../kit/validate';
import { participantFor, requireCaseStaff } from './access';
import { isStaff } from './caller';
import type { VictimsContext } from './context';
import { importLedger, parseLedger } from './ledger';
import { amountArg, textArg } from '../kit/validate';
import {
  batchArg,
  caseOfBatchArg,
  caseOfObjectionArg,
  caseOfPaymentArg,
  caseOfRoundArg,
  massCaseArg,
  objectionArg,
  participantArg,
  paymentArg,
  roundArg,
} from './lookups';
import type { MassCaseDocument, PaymentDocument } from './model';
import { recordObjection, resolveObjection } from './objections';
import { recordPaymentResult, resendPayment } from './paymentActions';
import { createPayoutBatches, runPayoutBatch } from './payouts';
import { presentBatch, presentObjection, presentParticipant, presentPayment, presentRound, presentVerification } from './present';
import { bankCardArg, registerParticipant, validateRegistration, type RegistrationInput } from './registration';
import { announceRound } from './rounds';
import { verifyCase } from './verification';

async function roundNumberOf(ctx: VictimsContext, payment: PaymentDocument): Promise<number> {
  return (await ctx.repo.rounds.findOne({ _id: payment.roundId }))?.number ?? 0;
}

export const mutationResolvers: ResolverMap<VictimsContext> = {
  Mutation: {
    declareMassCase: async (
      _: unknown,
      args: { caseNumber: string; name: string; objectionDays?: number | null; basis: string },
      ctx: VictimsContext,
    ) => {
      const caseNumber = caseNumberArg('caseNumber', args.caseNumber);
      // The court's notice: the case exists, is open and is the caller's court's.
      requireCaseStaff(ctx, args.basis, caseNumber);
      const name = textArg('name', args.name, 100);
      const objectionDays = args.objectionDays ?? ctx.options.objectionDays;
      if (!Number.isInteger(objectionDays) || objectionDays < 1 || objectionDays > 90)
        throw badUserInput('objectionDays', 'must be between 1 and 90');
      const doc: MassCaseDocument = { _id: caseNumber, name, declaredAt: nowOf(ctx), objectionDays };
      try {
        await ctx.repo.massCases.insertOne(doc);
        return doc;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        return ctx.repo.massCases.findOne({ _id: caseNumber });
      }
    },

    registerParticipant: async (_: unknown, args: { input: RegistrationInput; basis?: string | null }, ctx: VictimsContext) => {
      const caller = ctx.caller();
      const valid = validateRegistration(args.input, nowOf(ctx));
      if (isStaff(caller)) requireCaseStaff(ctx, args.basis, valid.caseNumber);
      else if (!(caller.role === 'PARTICIPANT' && caller.participantId === valid._id))
        throw domainError(ErrorCode.FORBIDDEN, 'a participant may register only themself');
      await massCaseArg(ctx, 'input.caseNumber', valid.caseNumber);
      const { participant, duplicate } = await registerParticipant(ctx.repo, ctx.services.outbox, valid, nowOf(ctx));
      return { participant: presentParticipant(participant, caller), duplicate };
    },

    importLedger: async (_: unknown, args: { caseNumber: string; csv: string; basis: string }, ctx: VictimsContext) => {
      requireCaseStaff(ctx, args.basis, caseNumberArg('caseNumber', args.caseNumber));
      const massCase = await massCaseArg(ctx, 'caseNumber', args.caseNumber);
      const lines = parseLedger(args.csv, nowOf(ctx), 'csv');
      return { caseNumber: massCase._id, ...(await importLedger(ctx.repo, massCase._id, lines, nowOf(ctx))) };
    },

    verifyCase: async (_: unknown, args: { caseNumber: string; basis: string }, ctx: VictimsContext) => {
      requireCaseStaff(ctx, args.basis, caseNumberArg('caseNumber', args.caseNumber));
      const massCase = await massCaseArg(ctx, 'caseNumber', args.caseNumber);
      return presentVerification(await verifyCase(ctx.repo, ctx.services.outbox, massCase, nowOf(ctx)), 'FULL');
    },

    recordObjection: async (
      _: unknown,
      args: { participantId: string; reason: string; claimedAmount?: number | null; basis?: string | null },
      ctx: VictimsContext,
    ) => {
      const participant = await participantFor(ctx, 'participantId', args.participantId, args.basis);
      const reason = textArg('reason', args.reason, 500);
      const claimed =
        args.claimedAmount === null || args.claimedAmount === undefined ? undefined : amountArg('claimedAmount', args.claimedAmount, 0);
      const objection = await recordObjection(ctx.repo, participant, reason, claimed, nowOf(ctx));
      return presentObjection(objection, await ctx.repo.rulings.findOne({ _id: objection._id }));
    },

    resolveObjection: async (
      _: unknown,
      args: { objectionId: string; allowedClaim: number; note?: string | null; basis: string },
      ctx: VictimsContext,
    ) => {
      requireCaseStaff(ctx, args.basis, caseOfObjectionArg('objectionId', args.objectionId));
      const objection = await objectionArg(ctx, 'objectionId', args.objectionId);
      const allowed = amountArg('allowedClaim', args.allowedClaim, 0);
      const note = args.note ? textArg('note', args.note, 500) : undefined;
      return presentObjection(objection, await resolveObjection(ctx.repo, objection, allowed, note, nowOf(ctx)));
    },

    announceRound: async (_: unknown, args: { caseNumber: string; pool: number; basis: string }, ctx: VictimsContext) => {
      requireCaseStaff(ctx, args.basis, caseNumberArg('caseNumber', args.caseNumber));
      const massCase = await massCaseArg(ctx, 'caseNumber', args.caseNumber);
      return presentRound(await announceRound(ctx.repo, massCase, amountArg('pool', args.pool, 1), nowOf(ctx)));
    },

    createPayoutBatches: async (_: unknown, args: { roundId: string; batchSize?: number | null; basis: string }, ctx: VictimsContext) => {
      requireCaseStaff(ctx, args.basis, caseOfRoundArg('roundId', args.roundId));
      const round = await roundArg(ctx, 'roundId', args.roundId);
      const batchSize = args.batchSize ?? 1000;
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) throw badUserInput('batchSize', 'must be between 1 and 5000');
      return (await createPayoutBatches(ctx.repo, round, batchSize, nowOf(ctx))).map((b) => presentBatch(b, null));
    },

    runPayoutBatch: async (_: unknown, args: { batchId: string; basis: string }, ctx: VictimsContext) => {
      requireCaseStaff(ctx, args.basis, caseOfBatchArg('batchId', args.batchId));
      const batch = await batchArg(ctx, 'batchId', args.batchId);
      const round = await roundArg(ctx, 'batchId', batch.roundId);
      const run = await runPayoutBatch(ctx.repo, ctx.services.outbox, await ctx.services.channel(), batch, round.number, nowOf(ctx));
      return presentBatch(batch, run);
    },

    recordPaymentResult: async (
      _: unknown,
      args: { paymentId: string; status: 'SUCCESS' | 'FAILED' | 'RETURNED'; reason?: string | null; basis: string },
      ctx: VictimsContext,
    ) => {
      requireCaseStaff(ctx, args.basis, caseOfPaymentArg('paymentId', args.paymentId));
      const payment = await paymentArg(ctx, 'paymentId', args.paymentId);
      const reason = args.reason ? textArg('reason', args.reason, 200) : undefined;
      const number = await roundNumberOf(ctx, payment);
      return presentPayment(
        payment,
        await recordPaymentResult(ctx.repo, ctx.services.outbox, payment, number, args.status, reason, nowOf(ctx)),
        number,
      );
    },

    updateBankCard: async (_: unknown, args: { participantId: string; bankCard: string; basis?: string | null }, ctx: VictimsContext) => {
      const caller = ctx.caller();
      const card = bankCardArg('bankCard', args.bankCard);
      const participant = await participantFor(ctx, 'participantId', args.participantId, args.basis);
      const now = nowOf(ctx);
      // One person's document, changed by that person or the counter: no race worth a claim document.
      await ctx.repo.participants.updateOne({ _id: participant._id }, { $set: { bankCard: card, bankCardUpdatedAt: now } });
      return presentParticipant({ ...participant, bankCard: card, bankCardUpdatedAt: now }, caller);
    },

    resendPayment: async (_: unknown, args: { paymentId: string; basis: string }, ctx: VictimsContext) => {
      requireCaseStaff(ctx, args.basis, caseOfPaymentArg('paymentId', args.paymentId));
      const payment = await paymentArg(ctx, 'paymentId', args.paymentId);
      const participant = await participantArg(ctx, 'paymentId', payment.participantId);
      const number = await roundNumberOf(ctx, payment);
      const state = await resendPayment(
        ctx.repo,
        ctx.services.outbox,
        await ctx.services.channel(),
        payment,
        participant,
        number,
        nowOf(ctx),
      );
      return presentPayment(payment, state, number);
    },
  },
};
