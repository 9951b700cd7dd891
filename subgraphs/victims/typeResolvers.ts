import type { EnforcementCaseRef } from '../kit/auth/legalBasis';
import type { ResolverMap } from '../kit/resolverMaps';
import { caseFigures, presentFigures, roundFigures } from './aggregates';
import { aggregateAccess, requireAggregateReader, requireNoticed, takeNotice } from './access';
import type { VictimsContext } from './context';
import { pairId } from './ids';
import type { MassCaseDocument } from './model';
import { allocationOf } from './allocationStore';
import { loadPaymentState } from './paymentActions';
import { paymentOf } from './payouts';
import {
  presentAllocation,
  presentBatch,
  presentObjection,
  presentPayment,
  presentRound,
  presentVerification,
  type ParticipantView,
  type RoundView,
} from './present';

/** Fields that read more than their parent holds, each checked against the caller where the parent is not. */
export const typeResolvers: ResolverMap<VictimsContext> = {
  EnforcementCase: {
    __resolveReference: (ref: EnforcementCaseRef) => ref,
    // The court's notice travels in the key: with it the case's own staff see its figures in full.
    massCase: (ref: EnforcementCaseRef, _: unknown, ctx: VictimsContext) => {
      takeNotice(ctx, ref.basis, ref.caseNumber);
      return ctx.massCaseByNumber.load(ref.caseNumber);
    },
  },

  MassCase: {
    caseNumber: (c: MassCaseDocument) => c._id,
    summary: async (c: MassCaseDocument, _: unknown, ctx: VictimsContext) => {
      const access = aggregateAccess(ctx, c._id);
      return presentFigures(await caseFigures(ctx.repo, c), access);
    },
    latestVerification: async (c: MassCaseDocument, _: unknown, ctx: VictimsContext) => {
      const access = aggregateAccess(ctx, c._id);
      const v = await ctx.repo.latestVerification(c._id);
      return v && presentVerification(v, access);
    },
    rounds: async (c: MassCaseDocument, _: unknown, ctx: VictimsContext) => {
      requireAggregateReader(ctx);
      return (await ctx.repo.roundsOf(c._id)).filter((r) => r.state === 'DONE').map(presentRound);
    },
  },

  DistributionRound: {
    summary: async (r: RoundView, _: unknown, ctx: VictimsContext) =>
      presentFigures(await roundFigures(ctx.repo, r.doc), aggregateAccess(ctx, r.caseNumber)),
    batches: async (r: RoundView, _: unknown, ctx: VictimsContext) => {
      requireNoticed(ctx, r.caseNumber);
      const [batches, runs] = await Promise.all([
        ctx.repo.batches
          .find({ roundId: r.id }, { projection: { items: 0 } })
          .sort({ number: 1 })
          .toArray(),
        ctx.repo.batchRuns.find({ roundId: r.id }).toArray(),
      ]);
      const runById = new Map(runs.map((run) => [run._id, run]));
      return batches.map((b) => presentBatch(b, runById.get(b._id) ?? null));
    },
  },

  // A Participant is only ever resolved after participantFor (access.ts): its fields show that person's own data.
  Participant: {
    claim: async (p: ParticipantView, _: unknown, ctx: VictimsContext) => {
      const v = await ctx.repo.latestVerification(p.caseNumber);
      const claim = v && (await ctx.repo.claims.findOne({ _id: pairId(v._id, p.id) }));
      if (!v || !claim) return null;
      return { ...claim, amount: claim.claim, objectionDeadline: v.objectionDeadline };
    },
    objection: async (p: ParticipantView, _: unknown, ctx: VictimsContext) => {
      const v = await ctx.repo.latestVerification(p.caseNumber);
      const objection = v && (await ctx.repo.objections.findOne({ _id: pairId(v._id, p.id) }));
      if (!objection) return null;
      return presentObjection(objection, await ctx.repo.rulings.findOne({ _id: objection._id }));
    },
    allocations: async (p: ParticipantView, _: unknown, ctx: VictimsContext) => {
      const rounds = (await ctx.repo.roundsOf(p.caseNumber)).filter((r) => r.state === 'DONE');
      const found = await Promise.all(rounds.map((r) => allocationOf(ctx.repo, r._id, p.id)));
      return found.flatMap((a, i) => (a ? [presentAllocation(a, rounds[i].number)] : []));
    },
    payments: async (p: ParticipantView, _: unknown, ctx: VictimsContext) => {
      // By id per round: the participant's own payments, never a query over everyone's.
      const rounds = await ctx.repo.roundsOf(p.caseNumber);
      const payments = await Promise.all(rounds.map((r) => paymentOf(ctx.repo, pairId(r._id, p.id))));
      return Promise.all(
        payments.flatMap((pay, i) =>
          pay ? [loadPaymentState(ctx.repo, pay).then((state) => presentPayment(pay, state, rounds[i].number))] : [],
        ),
      );
    },
  },
};
