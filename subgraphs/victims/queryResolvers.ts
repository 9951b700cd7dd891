import type { ResolverMap } from '../kit/resolverMaps';
import { caseNumberArg, pageSizeArg } from '../kit/validate';
import { aggregateAccess, participantFor, requireAggregateReader, requireCaseStaff, takeNotice } from './access';
import type { VictimsContext } from './context';
import { caseOfRoundArg, massCaseArg, roundArg } from './lookups';
import type { ClaimStatus } from './model';
import { objectionsOf } from './objections';
import { presentIssue, presentObjection, presentParticipant, presentRound } from './present';

export const queryResolvers: ResolverMap<VictimsContext> = {
  Query: {
    massCase: (_: unknown, args: { caseNumber: string; basis?: string | null }, ctx: VictimsContext) => {
      const caseNumber = caseNumberArg('caseNumber', args.caseNumber);
      takeNotice(ctx, args.basis, caseNumber);
      return ctx.massCaseByNumber.load(caseNumber);
    },

    massCases: async (_: unknown, __: unknown, ctx: VictimsContext) => {
      requireAggregateReader(ctx);
      return ctx.repo.massCases.find({}).sort({ declaredAt: 1 }).toArray();
    },

    distributionRound: async (_: unknown, args: { id: string; basis?: string | null }, ctx: VictimsContext) => {
      const caseNumber = caseOfRoundArg('id', args.id);
      takeNotice(ctx, args.basis, caseNumber);
      aggregateAccess(ctx, caseNumber);
      const round = await roundArg(ctx, 'id', args.id);
      return round.state === 'DONE' ? presentRound(round) : null;
    },

    participant: async (_: unknown, args: { id: string; basis?: string | null }, ctx: VictimsContext) =>
      presentParticipant(await participantFor(ctx, 'id', args.id, args.basis), ctx.caller()),

    me: async (_: unknown, __: unknown, ctx: VictimsContext) => {
      const caller = ctx.caller();
      if (caller.role !== 'PARTICIPANT' || !caller.participantId) return null;
      const found = await ctx.participantById.load(caller.participantId);
      return found && presentParticipant(found, caller);
    },

    verificationIssues: async (
      _: unknown,
      args: { caseNumber: string; kind?: ClaimStatus | null; first?: number | null; basis: string },
      ctx: VictimsContext,
    ) => {
      requireCaseStaff(ctx, args.basis, caseNumberArg('caseNumber', args.caseNumber));
      const massCase = await massCaseArg(ctx, 'caseNumber', args.caseNumber);
      const first = pageSizeArg('first', args.first ?? 50, 1000);
      const v = await ctx.repo.latestVerification(massCase._id);
      if (!v) return [];
      const filter = args.kind ? { verificationId: v._id, status: args.kind } : { verificationId: v._id };
      return (await ctx.repo.issues.find(filter).sort({ _id: 1 }).limit(first).toArray()).map(presentIssue);
    },

    objections: async (
      _: unknown,
      args: { caseNumber: string; status?: 'PENDING' | 'RESOLVED' | null; basis: string },
      ctx: VictimsContext,
    ) => {
      requireCaseStaff(ctx, args.basis, caseNumberArg('caseNumber', args.caseNumber));
      const massCase = await massCaseArg(ctx, 'caseNumber', args.caseNumber);
      const v = await ctx.repo.latestVerification(massCase._id);
      if (!v) return [];
      const all = [...(await objectionsOf(ctx.repo, massCase._id, v._id)).values()].map(({ objection, ruling }) =>
        presentObjection(objection, ruling),
      );
      return all.filter((o) => !args.status || o.status === args.status).sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
    },
  },
};
