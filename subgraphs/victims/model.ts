/**
 * Documents of the victims subgraph's database. Everything written per participant at scale is insert-only
 * with a deterministic `_id`: on FerretDB an update costs a scan of its collection, so a 170,000-person
 * round could not afford one per person, and a re-run must find its earlier writes as duplicates.
 */

export const COLLECTIONS = {
  massCases: 'mass_cases',
  participants: 'participants',
  ledger: 'ledger_entries',
  verifications: 'verifications',
  claims: 'claims',
  issues: 'verification_issues',
  objections: 'objections',
  rulings: 'objection_rulings',
  rounds: 'rounds',
  allocations: 'allocation_chunks',
  batches: 'payout_batches',
  batchRuns: 'batch_runs',
  paymentEvents: 'payment_events',
} as const;

/** Prefix of the subgraph's notification outbox (kit/outbox). */
export const OUTBOX_PREFIX = 'outbox';

export interface MassCaseDocument {
  _id: string; // case number
  name: string;
  declaredAt: Date;
  /** Days after verification during which a participant may object (15 in practice). */
  objectionDays: number;
}

export interface ParticipantDocument {
  _id: string; // participantIdOf(caseNumber, citizenId)
  caseNumber: string;
  citizenId: string;
  name: string;
  phone: string;
  bankCard: string;
  registeredAt: Date;
  bankCardUpdatedAt?: Date;
}

/** One line of the ledger the police or the auditor supplied (公安/审计 核定的集资参与人台账). Amounts in fen. */
export interface LedgerEntryDocument {
  _id: string; // participantIdOf(caseNumber, citizenId): the person the entry is about, registered or not
  caseNumber: string;
  citizenId: string;
  name: string;
  principalPaidIn: number;
  principalReturned: number;
  interestAndRebates: number;
  importedAt: Date;
}

export type ClaimStatus = 'VERIFIED' | 'NAME_MISMATCH' | 'NOT_IN_LEDGER' | 'UNREGISTERED';

export interface VerificationDocument {
  _id: string; // verificationIdOf(caseNumber, number)
  caseNumber: string;
  number: number;
  startedAt: Date;
  state: 'RUNNING' | 'DONE';
  verifiedAt?: Date;
  /** End of the last day for objections (23:59:59 China time). */
  objectionDeadline?: Date;
  counts?: Record<ClaimStatus, number>;
  /** Σ claims per status, in fen. */
  amounts?: Record<ClaimStatus, number>;
}

export interface ClaimDocument {
  _id: string; // `${verificationId}|${participantId}`
  verificationId: string;
  caseNumber: string;
  participantId: string;
  status: ClaimStatus;
  name: string;
  principalPaidIn: number;
  principalReturned: number;
  interestAndRebates: number;
  /** paid in − returned − interest and rebates, not below zero. */
  claim: number;
}

/** A claim that staff must look at (anything but VERIFIED), kept apart so listing them reads a small collection. */
export interface IssueDocument extends Omit<ClaimDocument, '_id'> {
  _id: string;
  citizenId: string;
  ledgerName?: string;
}

export interface ObjectionDocument {
  _id: string; // `${verificationId}|${participantId}`
  verificationId: string;
  caseNumber: string;
  participantId: string;
  reason: string;
  claimedAmount?: number;
  verifiedClaim: number;
  /** The verification's outcome for this person: a ruling on a VERIFIED claim replaces it in the allowed total. */
  claimStatus: ClaimStatus;
  recordedAt: Date;
  deadline: Date;
}

export interface RulingDocument {
  _id: string; // the objection's id: one ruling per objection, decided by the insert
  caseNumber: string;
  verificationId: string;
  participantId: string;
  allowedClaim: number;
  note?: string;
  ruledAt: Date;
}

export type HoldReason = 'OBJECTION' | 'NAME_MISMATCH' | 'UNREGISTERED';

export interface RoundTotals {
  totalClaims: number;
  distributed: number;
  undistributed: number;
  /** This round's payments to allowed claims (escrow released to them included). */
  payable: number;
  payees: number;
  /** Held after this round for pending objections and name mismatches. */
  reserved: number;
  reservedPeople: number;
  /** Held after this round for people in the ledger who have not registered (提存). */
  escrow: number;
  escrowPeople: number;
  /** Reserve and escrow held before this round that this round paid out or gave back to the pool. */
  released: number;
  entries: number;
}

export interface RoundDocument {
  _id: string; // roundIdOf(caseNumber, number)
  caseNumber: string;
  number: number;
  pool: number;
  cumulativePool: number;
  verificationId: string;
  announcedAt: Date;
  state: 'RUNNING' | 'DONE';
  totals?: RoundTotals;
  /** Fixed by the first createPayoutBatches, so a resumed one cuts the same batches. */
  batchSize?: number;
  batchCount?: number;
}

/** One person's share of a round, as the code works with it (stored in chunks, below). */
export interface AllocationDocument {
  _id: string; // `${roundId}|${participantId}`
  roundId: string;
  caseNumber: string;
  participantId: string;
  claim: number;
  /** This round's payment (allowed) or addition to what is held (held). */
  amount: number;
  cumulativePaid: number;
  cumulativeHeld: number;
  hold: HoldReason | null;
}

/**
 * A round's allocations, stored a slice of participants at a time (in participant-id order) as parallel
 * arrays: 170,000 people make 85 documents, written and read in seconds where 170,000 documents take
 * minutes on FerretDB. One person's share is found by the slice whose id range holds theirs.
 */
export interface AllocationChunkDocument {
  _id: string; // `${roundId}:${index}`
  roundId: string;
  caseNumber: string;
  index: number;
  first: string;
  last: string;
  participantIds: string[];
  claims: number[];
  amounts: number[];
  cumulativePaid: number[];
  cumulativeHeld: number[];
  holds: (HoldReason | null)[];
}

/** One payment: an item of its batch, in the shape the payment code works with (not stored on its own). */
export interface PaymentDocument {
  _id: string; // `${roundId}|${participantId}`
  roundId: string;
  caseNumber: string;
  batchId: string;
  participantId: string;
  amount: number;
  name: string;
  bankCard: string;
  phone: string;
  createdAt: Date;
}

export type PaymentItem = Omit<PaymentDocument, '_id' | 'roundId' | 'caseNumber' | 'batchId' | 'createdAt'> & { paymentId: string };

export interface BatchDocument {
  _id: string; // `${roundId}#B${number}`
  roundId: string;
  caseNumber: string;
  number: number;
  /** Participant ids of the first and last item: batches cut the round's payees in id order. */
  first: string;
  last: string;
  count: number;
  total: number;
  items: PaymentItem[];
  createdAt: Date;
}

export interface BatchOutcomeTotals {
  succeeded: number;
  succeededAmount: number;
  failed: number;
  failedAmount: number;
  accepted: number;
  acceptedAmount: number;
}

export interface BatchRunDocument {
  _id: string; // the batch id: one run per batch, decided by the insert
  roundId: string;
  caseNumber: string;
  state: 'RUNNING' | 'DONE';
  startedAt: Date;
  finishedAt?: Date;
  /** Payments the channel refused, with the reason; the rest succeeded unless listed as accepted. */
  failed?: { paymentId: string; reason: string }[];
  /** Payments the channel took without an answer yet (SENT until recordPaymentResult). */
  accepted?: string[];
  totals?: BatchOutcomeTotals;
}

export type PaymentStatus = 'QUEUED' | 'SENT' | 'SUCCESS' | 'FAILED' | 'RETURNED' | 'RESENT';

/** A payment's life after its batch ran: results recorded later, returns, resends. Few, so a small collection. */
export interface PaymentEventDocument {
  _id: string; // `${paymentId}:${attempt}:${step}`: each step of an attempt happens once
  paymentId: string;
  roundId: string;
  batchId: string;
  caseNumber: string;
  participantId: string;
  attempt: number;
  step: 'SENT' | 'OUTCOME' | 'RETURNED';
  status: PaymentStatus;
  amount: number;
  bankCard?: string;
  reason?: string;
  at: Date;
}
