import { identityOf, type Identity } from '../../../platform/identity';
import { forbidden } from '../../kit/auth/rules';
import { isCaseOfYours } from '../access';
import type { ReferralContext } from './context';
import type { RefusalReferralDocument } from './model';

/**
 * Who may see and move a referral (domain.md, "Who may see what"): the court through the case it belongs
 * to (its assigned officer, a division head of its court), the police only at the station it was sent
 * to (`station` claim), the procuratorate only for the courts of its region (`region`, a court-code
 * prefix). That someone was referred to the police is theirs to keep, so a referral nobody may see reads
 * the same as one that does not exist.
 */
export async function mayReach(ctx: ReferralContext, identity: Identity, referral: RefusalReferralDocument): Promise<boolean> {
  if (identity.agency === 'POLICE') return identity.station === referral.policeStation;
  if (identity.agency === 'PROCURATORATE') return identity.region !== undefined && referral.courtCode.startsWith(identity.region);
  const theCase = await ctx.caseByNumber.load(referral.caseNumber);
  return theCase !== null && isCaseOfYours(identity, theCase);
}

/** The referral if this caller may reach it; null for one they may not and for one that does not exist alike. */
export async function reachableReferral(ctx: ReferralContext, id: string): Promise<RefusalReferralDocument | null> {
  const referral = await ctx.referrals.byId.load(id);
  return referral && (await mayReach(ctx, identityOf(ctx), referral)) ? referral : null;
}

/** The same, for a transition: FORBIDDEN in the same words whether it is another's or does not exist, before any write. */
export async function requireReachableReferral(ctx: ReferralContext, id: string): Promise<RefusalReferralDocument> {
  const referral = await reachableReferral(ctx, id);
  if (!referral) throw forbidden(`no referral ${id} is addressed to you`);
  return referral;
}
