/**
 * Documents of refusal-to-execute (拒执) referrals: the court hands a clue with its evidence to the police,
 * who give a receipt (受案回执) and decide to file (立案) or refuse (不予立案); the procuratorate may then
 * step in (立案监督). See domain.md, "The case".
 */

export type ReferralState = 'REFERRED' | 'RECEIPTED' | 'FILED' | 'REFUSED' | 'SUPERVISED';

export type PoliceDecision = 'FILED' | 'REFUSED';

export interface EvidenceItem {
  title: string;
  description: string;
  documentNumber: string | null;
}

export interface RefusalReferralDocument {
  /** The referral number: the case number followed by 拒执移送之N, N counting the case's referrals. */
  _id: string;
  caseNumber: string;
  /** Which referral of the case this is (the N above), so the next one can be numbered. */
  ordinal: number;
  courtCode: string;
  suspectId: string;
  policeStation: string;
  facts: string;
  evidence: EvidenceItem[];
  /** Complex cases give the police 30 days rather than 7 to decide. */
  complex: boolean;
  idempotencyKey: string;
  state: ReferralState;
  referredAt: Date;
  receiptAt: Date | null;
  decision: PoliceDecision | null;
  decidedAt: Date | null;
  policeCaseNumber: string | null;
  refusalReason: string | null;
  reportedToCourtAt: Date | null;
  supervisedAt: Date | null;
  supervisionNote: string | null;
}

/** The fields a transition may set; everything else is fixed when the referral is made. */
export type ReferralChange = Partial<
  Pick<
    RefusalReferralDocument,
    | 'state'
    | 'receiptAt'
    | 'decision'
    | 'decidedAt'
    | 'policeCaseNumber'
    | 'refusalReason'
    | 'reportedToCourtAt'
    | 'supervisedAt'
    | 'supervisionNote'
  >
>;

/**
 * The claim on leaving one state. Its _id (`<referral>|<state left>`) can be inserted once only, which is
 * what decides a race between two transitions: FerretDB's compare-and-set updates can both succeed.
 * The states form a chain without cycles, so a referral leaves each state at most once.
 */
export interface TransitionClaimDocument {
  _id: string;
  referralId: string;
  from: ReferralState;
  change: ReferralChange;
  claimedAt: Date;
}

export const REFERRAL_COLLECTIONS = {
  referrals: 'refusalReferrals',
  transitions: 'refusalReferralTransitions',
} as const;
