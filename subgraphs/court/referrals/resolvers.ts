import { nowOf } from '../../../platform/clock';
import type { ResolverMap } from '../../kit/resolverMaps';
import { textArg } from '../../kit/validate';
import type { ReferralContext } from './context';
import { deadlinesOf, overdueCount, privateProsecutionAvailable } from './deadlines';
import type { ReferralState, RefusalReferralDocument } from './model';
import { referRefusal } from './refer';
import { decideRule, receiptRule, superviseRule, type TransitionRule } from './transitions';
import { decisionArg, referralIdArg, referralInputArg, type DecisionArgs, type RefusalReferralInput } from './validate';
import type { CaseDocument } from '../model';
import { identityOf } from '../../../platform/identity';
import { isCaseOfYours } from '../access';
import { reachableReferral, requireReachableReferral } from './access';
import { policeWorkList, supervisionWorkList, type WorkListArgs } from './workLists';

/** A mutation's answer replaces whatever this request loaded before, so later fields see the new state. */
function fresh(ctx: ReferralContext, referral: RefusalReferralDocument): RefusalReferralDocument {
  ctx.referrals.byId.clear(referral._id).prime(referral._id, referral);
  ctx.referrals.byCase.clear(referral.caseNumber);
  return referral;
}

/** Moves a referral the caller may reach (access.ts), refusing before any write. */
async function move(ctx: ReferralContext, id: string, rule: TransitionRule): Promise<RefusalReferralDocument> {
  await requireReachableReferral(ctx, id);
  return fresh(ctx, await ctx.referrals.repository.transition(id, rule, nowOf(ctx)));
}

export const referralResolvers: ResolverMap<ReferralContext> = {
  Query: {
    refusalReferral: (_: unknown, args: { id: string }, ctx: ReferralContext) => reachableReferral(ctx, referralIdArg('id', args.id)),
    refusalReferralsForPolice: (_: unknown, args: WorkListArgs & { state?: ReferralState | null }, ctx: ReferralContext) =>
      policeWorkList(ctx.referrals.repository, identityOf(ctx), args),
    refusalReferralsForSupervision: (_: unknown, args: WorkListArgs, ctx: ReferralContext) =>
      supervisionWorkList(ctx.referrals.repository, identityOf(ctx), args, nowOf(ctx)),
  },

  Mutation: {
    referRefusalToExecute: async (_: unknown, args: { input: RefusalReferralInput }, ctx: ReferralContext) =>
      fresh(ctx, await referRefusal(referralInputArg(args.input), ctx)),
    receiptRefusalReferral: (_: unknown, args: { id: string }, ctx: ReferralContext) =>
      move(ctx, referralIdArg('id', args.id), receiptRule),
    decideRefusalReferral: (_: unknown, args: DecisionArgs & { id: string }, ctx: ReferralContext) => {
      const id = referralIdArg('id', args.id);
      return move(ctx, id, decideRule(decisionArg(args)));
    },
    superviseRefusalReferral: (_: unknown, args: { id: string; note: string }, ctx: ReferralContext) => {
      const id = referralIdArg('id', args.id);
      return move(ctx, id, superviseRule(textArg('note', args.note, 2000)));
    },
  },

  RefusalReferral: {
    __resolveReference: (ref: { id: string }, ctx: ReferralContext) => reachableReferral(ctx, ref.id),
    id: (doc: RefusalReferralDocument) => doc._id,
    enforcementCase: (doc: RefusalReferralDocument, _: unknown, ctx: ReferralContext) => ctx.caseByNumber.load(doc.caseNumber),
    suspect: (doc: RefusalReferralDocument) => ({ caseNumber: doc.caseNumber, partyId: doc.suspectId, role: 'RESPONDENT' }),
    deadlines: (doc: RefusalReferralDocument, _: unknown, ctx: ReferralContext) => deadlinesOf(doc, nowOf(ctx)),
    privateProsecutionAvailable: (doc: RefusalReferralDocument, _: unknown, ctx: ReferralContext) =>
      privateProsecutionAvailable(doc, nowOf(ctx)),
  },

  EnforcementCase: {
    // The case's own officer and its division heads: to anyone else of the court the list is empty.
    refusalReferrals: async (doc: CaseDocument, _: unknown, ctx: ReferralContext) =>
      isCaseOfYours(identityOf(ctx), doc) ? ctx.referrals.byCase.load(doc._id) : [],
    overdueDeadlines: async (doc: CaseDocument, _: unknown, ctx: ReferralContext) =>
      overdueCount(await ctx.referrals.byCase.load(doc._id), nowOf(ctx)),
  },
};
