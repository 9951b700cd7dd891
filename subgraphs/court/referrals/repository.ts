import type { Db } from 'mongodb';
import { domainError, ErrorCode, notFound } from '../../../platform/errors';
import { type IndexDeclaration, isDuplicateKey } from '../../kit/mongo';
import { REFERRAL_COLLECTIONS, type ReferralState, type RefusalReferralDocument, type TransitionClaimDocument } from './model';
import { referralNumber } from './numbering';
import { refuseTransition, type TransitionRule } from './transitions';
import type { ReferralDraft } from './validate';

export const referralIndexes: readonly IndexDeclaration[] = [
  // A retry of a referral finds its original; two concurrent first attempts cannot both insert.
  { collection: REFERRAL_COLLECTIONS.referrals, key: { idempotencyKey: 1 }, options: { unique: true } },
  // EnforcementCase.refusalReferrals and the next referral number of a case
  { collection: REFERRAL_COLLECTIONS.referrals, key: { caseNumber: 1, ordinal: 1 } },
  // refusalReferralsForPolice
  { collection: REFERRAL_COLLECTIONS.referrals, key: { policeStation: 1, state: 1, referredAt: 1 } },
  // refusalReferralsForSupervision: a region is a range of court codes
  { collection: REFERRAL_COLLECTIONS.referrals, key: { courtCode: 1, state: 1, referredAt: 1 } },
];

const MAX_ATTEMPTS = 20;

export class ReferralRepository {
  constructor(private readonly db: Db) {}

  get referrals() {
    return this.db.collection<RefusalReferralDocument>(REFERRAL_COLLECTIONS.referrals);
  }
  get transitions() {
    return this.db.collection<TransitionClaimDocument>(REFERRAL_COLLECTIONS.transitions);
  }

  byIdempotencyKey(key: string) {
    return this.referrals.findOne({ idempotencyKey: key });
  }

  async load(id: string): Promise<RefusalReferralDocument> {
    const referral = await this.referrals.findOne({ _id: id });
    if (!referral) throw notFound('refusal-to-execute referral', id);
    return referral;
  }

  /**
   * Records a referral under the case's next number. Both the number (_id) and the idempotency key are
   * unique, so a concurrent retry returns the original and a concurrent referral of the same case moves on
   * to the number after.
   */
  async insert(draft: ReferralDraft, courtCode: string, now: Date): Promise<RefusalReferralDocument> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const [last] = await this.referrals.find({ caseNumber: draft.caseNumber }).sort({ ordinal: -1 }).limit(1).toArray();
      const ordinal = (last?.ordinal ?? 0) + 1;
      const referral: RefusalReferralDocument = {
        _id: referralNumber(draft.caseNumber, ordinal),
        ordinal,
        courtCode,
        ...draft,
        state: 'REFERRED',
        referredAt: now,
        receiptAt: null,
        decision: null,
        decidedAt: null,
        policeCaseNumber: null,
        refusalReason: null,
        reportedToCourtAt: null,
        supervisedAt: null,
        supervisionNote: null,
      };
      try {
        await this.referrals.insertOne(referral);
        return referral;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const original = await this.byIdempotencyKey(draft.idempotencyKey);
        if (original) return original;
      }
    }
    throw domainError(ErrorCode.INTERNAL_SERVER_ERROR, `could not number a referral of ${draft.caseNumber} after ${MAX_ATTEMPTS} attempts`);
  }

  /**
   * Moves a referral on. The claim insert decides a race (only one insert of `<id>|<state>` succeeds, where a
   * compare-and-set update could let both win on FerretDB); the update still names the state left and is
   * checked, so on MongoDB it would hold on its own. A claim whose update never ran (a crash between the two)
   * is applied by the next attempt on that referral, which then finds the state moved on.
   */
  async transition(id: string, rule: TransitionRule, now: Date): Promise<RefusalReferralDocument> {
    const referral = await this.load(id);
    if (!rule.allowed(referral, now)) refuseTransition(referral, rule);
    const change = rule.change(referral, now);
    try {
      await this.transitions.insertOne({ _id: `${id}|${referral.state}`, referralId: id, from: referral.state, change, claimedAt: now });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await this.rollForward(id, referral.state);
      refuseTransition(await this.load(id), rule);
    }
    const result = await this.referrals.updateOne({ _id: id, state: referral.state }, { $set: change });
    const after = await this.load(id);
    if (result.modifiedCount === 0 && after.state !== change.state) refuseTransition(after, rule);
    return after;
  }

  private async rollForward(id: string, from: ReferralState): Promise<void> {
    const claim = await this.transitions.findOne({ _id: `${id}|${from}` });
    if (claim) await this.referrals.updateOne({ _id: id, state: from }, { $set: claim.change });
  }
}
