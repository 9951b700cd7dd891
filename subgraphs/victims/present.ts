import { maskBankCard, maskCitizenId, maskPhone } from '../../domain/identifiers';
import { withheld, type FigureAccess } from './aggregates';
import { isStaff, type Caller } from './caller';
import type {
  AllocationDocument,
  BatchDocument,
  BatchRunDocument,
  IssueDocument,
  ObjectionDocument,
  ParticipantDocument,
  PaymentDocument,
  RoundDocument,
  RulingDocument,
  VerificationDocument,
} from './model';
import type { PaymentState } from './paymentState';

/** Documents as the schema shows them; masking is decided here, once, by the caller's role. */

export function presentParticipant(p: ParticipantDocument, caller: Caller) {
  const full = isStaff(caller);
  return {
    id: p._id,
    caseNumber: p.caseNumber,
    name: p.name,
    citizenId: full ? p.citizenId : maskCitizenId(p.citizenId),
    phone: full ? p.phone : maskPhone(p.phone),
    bankCard: maskBankCard(p.bankCard),
    registeredAt: p.registeredAt,
    doc: p,
  };
}
export type ParticipantView = ReturnType<typeof presentParticipant>;

/** A verification's figures; for analysts (and staff without the court's notice) those about 1 to 9 people are withheld. */
export function presentVerification(v: VerificationDocument, access: FigureAccess) {
  const counts = v.counts ?? { VERIFIED: 0, NAME_MISMATCH: 0, NOT_IN_LEDGER: 0, UNREGISTERED: 0 };
  const amounts = v.amounts ?? counts;
  let suppressed = false;
  /** A count and, where it has one, its amount: withheld together. */
  const shown = (status: keyof typeof counts): [number | null, number | null] => {
    const count = counts[status];
    if (withheld(count, access)) {
      suppressed = true;
      return [null, null];
    }
    return [count, amounts[status]];
  };
  const [verified, allowedClaims] = shown('VERIFIED');
  const [nameMismatches, mismatchClaims] = shown('NAME_MISMATCH');
  const [notInLedger] = shown('NOT_IN_LEDGER');
  const [unregistered, unregisteredClaims] = shown('UNREGISTERED');
  return {
    id: v._id,
    caseNumber: v.caseNumber,
    number: v.number,
    verifiedAt: v.verifiedAt ?? v.startedAt,
    objectionDeadline: v.objectionDeadline,
    verified,
    nameMismatches,
    notInLedger,
    unregistered,
    allowedClaims,
    mismatchClaims,
    unregisteredClaims,
    suppressed,
  };
}

export function presentIssue(issue: IssueDocument) {
  return {
    participantId: issue.participantId,
    kind: issue.status,
    citizenId: maskCitizenId(issue.citizenId),
    name: issue.name,
    ledgerName: issue.ledgerName ?? null,
    claim: issue.claim,
  };
}

export function presentRound(r: RoundDocument) {
  const totals = r.totals;
  return {
    id: r._id,
    caseNumber: r.caseNumber,
    number: r.number,
    pool: r.pool,
    cumulativePool: r.cumulativePool,
    announcedAt: r.announcedAt,
    ratio: totals && totals.totalClaims > 0 ? Math.min(1, r.cumulativePool / totals.totalClaims) : 0,
    totalClaims: totals?.totalClaims ?? 0,
    undistributed: totals?.undistributed ?? 0,
    released: totals?.released ?? 0,
    doc: r,
  };
}
export type RoundView = ReturnType<typeof presentRound>;

export function presentBatch(b: Omit<BatchDocument, 'items'>, run: BatchRunDocument | null) {
  return {
    id: b._id,
    roundId: b.roundId,
    number: b.number,
    count: b.count,
    total: b.total,
    status: run ? run.state : 'QUEUED',
    succeeded: run?.totals?.succeeded ?? null,
    failed: run?.totals?.failed ?? null,
    inFlight: run?.totals?.accepted ?? null,
    ranAt: run?.finishedAt ?? null,
  };
}

export function presentPayment(p: PaymentDocument, state: PaymentState, roundNumber: number) {
  return {
    id: p._id,
    roundId: p.roundId,
    roundNumber,
    participantId: p.participantId,
    amount: p.amount,
    status: state.status,
    attempt: state.attempt,
    bankCard: maskBankCard(state.bankCard),
    failureReason: state.reason ?? null,
    updatedAt: state.updatedAt ?? p.createdAt,
  };
}

export function presentAllocation(a: AllocationDocument, roundNumber: number) {
  return {
    roundId: a.roundId,
    roundNumber,
    claim: a.claim,
    amount: a.amount,
    cumulativePaid: a.cumulativePaid,
    held: a.cumulativeHeld,
    hold: a.hold,
  };
}

export function presentObjection(o: ObjectionDocument, ruling: RulingDocument | null) {
  return {
    id: o._id,
    participantId: o.participantId,
    verificationId: o.verificationId,
    reason: o.reason,
    claimedAmount: o.claimedAmount ?? null,
    verifiedClaim: o.verifiedClaim,
    recordedAt: o.recordedAt,
    deadline: o.deadline,
    status: ruling ? 'RESOLVED' : 'PENDING',
    allowedClaim: ruling?.allowedClaim ?? null,
    rulingNote: ruling?.note ?? null,
    ruledAt: ruling?.ruledAt ?? null,
  };
}
