import type { ResolverMap } from '../kit/resolverMaps';
import { caseNumberArg, pageSizeArg } from '../kit/validate';
import { aggregateAccess, requireSelfOrStaff, requireStaff } from './caller';
import type { VictimsContext } from './context';
import { massCaseArg, participantArg, roundArg } from './lookups';
import type { ClaimStatus } from './model';
import { objectionsOf } from './objections';
import { presentIssue, presentObjection, presentParticipant, presentRound } from './present';

export const queryResolvers: ResolverMap<VictimsContext> = {
  Query: {
    massCase: (_: unknown, args: { caseNumber: string }, ctx: VictimsContext) => ctx.massCaseByNumber.load(caseNumberArg('caseNumber', args.caseNumber)),

    massCases: async (_: unknown, __: unknown, ctx: VictimsContext) => {
      aggregateAccess(ctx.caller());
      return ctx.repo.massCases.find({}).sort({ declaredAt: 1 }).toArray();
    },

    distributionRound: async (_: unknown, args: { id: string }, ctx: VictimsContext) => {
      aggregateAccess(ctx.caller());
      const round = await roundArg(ctx, 'id', args.id);
      return round.state === 'DONE' ? presentRound(round) : null;
    },

    participant: async (_: unknown, args: { id: string }, ctx: VictimsContext) => {
      const caller = ctx.caller();
      // Checked before the lookup, so a participant cannot even learn whether another id exists.
      requireSelfOrStaff(caller, args.id);
      return presentParticipant(await participantArg(ctx, 'id', args.id), caller);
    },

    me: async (_: unknown, __: unknown, ctx: VictimsContext) => {
      const caller = ctx.caller();
      if (caller.role !== 'PARTICIPANT' || !caller.participantId) return null;
      const found = await ctx.participantById.load(caller.participantId);
      return found && presentParticipant(found, caller);
    },

    verificationIssues: async (_: unknown, args: { caseNumber: string; kind?: ClaimStatus | null; first?: number | null }, ctx: VictimsContext) => {
      requireStaff(ctx.caller());
      const massCase = await massCaseArg(ctx, 'caseNumber', args.caseNumber);
      const first = pageSizeArg('first', args.first ?? 50, 1000);
      const v = await ctx.repo.latestVerification(massCase._id);
      if (!v) return [];
      const filter = args.kind ? { verificationId: v._id, status: args.kind } : { verificationId: v._id };
      return (await ctx.repo.issues.find(filter).sort({ _id: 1 }).limit(first).toArray()).map(presentIssue);
    },

    objections: async (_: unknown, args: { caseNumber: string; status?: 'PENDING' | 'RESOLVED' | null }, ctx: VictimsContext) => {
      requireStaff(ctx.caller());
      const massCase = await massCaseArg(ctx, 'caseNumber', args.caseNumber);
      const v = await ctx.repo.latestVerification(massCase._id);
      if (!v) return [];
      const all = [...(await objectionsOf(ctx.repo, massCase._id, v._id)).values()].map(({ objection, ruling }) => presentObjection(objection, ruling));
      return all.filter((o) => !args.status || o.status === args.status).sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());
    },
  },
};
