import type { Collection, Db, Document, Filter } from 'mongodb';
import type { IndexDeclaration } from '../kit/mongo';
import { outboxIndexes } from '../kit/outbox';
import {
  COLLECTIONS,
  OUTBOX_PREFIX,
  type AllocationChunkDocument,
  type BatchDocument,
  type BatchRunDocument,
  type ClaimDocument,
  type IssueDocument,
  type LedgerEntryDocument,
  type MassCaseDocument,
  type ObjectionDocument,
  type ParticipantDocument,
  type PaymentEventDocument,
  type RoundDocument,
  type RulingDocument,
  type VerificationDocument,
} from './model';

/**
 * The indexes serve MongoDB; FerretDB 1.24 answers filters other than `_id` by reading the collection
 * (and not even `_id` lookups use its index), which the bulk steps accept by reading each set once, streamed.
 */
export const victimsIndexes: readonly IndexDeclaration[] = [
  { collection: COLLECTIONS.participants, key: { caseNumber: 1 } },
  { collection: COLLECTIONS.ledger, key: { caseNumber: 1 } },
  { collection: COLLECTIONS.verifications, key: { caseNumber: 1, number: -1 } },
  { collection: COLLECTIONS.claims, key: { verificationId: 1 } },
  { collection: COLLECTIONS.issues, key: { verificationId: 1, status: 1 } },
  { collection: COLLECTIONS.objections, key: { caseNumber: 1 } },
  { collection: COLLECTIONS.rulings, key: { caseNumber: 1 } },
  { collection: COLLECTIONS.rounds, key: { caseNumber: 1, number: 1 } },
  { collection: COLLECTIONS.allocations, key: { roundId: 1, first: 1 } },
  { collection: COLLECTIONS.batches, key: { roundId: 1, first: 1 } },
  { collection: COLLECTIONS.batchRuns, key: { roundId: 1 } },
  { collection: COLLECTIONS.paymentEvents, key: { paymentId: 1 } },
  { collection: COLLECTIONS.paymentEvents, key: { caseNumber: 1 } },
  ...outboxIndexes(OUTBOX_PREFIX),
];

/** Documents per round trip when reading a whole case: large enough to amortise, small enough for memory. */
const STREAM_BATCH = 5000;

export class VictimsRepository {
  constructor(readonly db: Db) {}

  private col<T extends Document>(name: string): Collection<T> {
    return this.db.collection<T>(name);
  }
  get massCases() {
    return this.col<MassCaseDocument>(COLLECTIONS.massCases);
  }
  get participants() {
    return this.col<ParticipantDocument>(COLLECTIONS.participants);
  }
  get ledger() {
    return this.col<LedgerEntryDocument>(COLLECTIONS.ledger);
  }
  get verifications() {
    return this.col<VerificationDocument>(COLLECTIONS.verifications);
  }
  get claims() {
    return this.col<ClaimDocument>(COLLECTIONS.claims);
  }
  get issues() {
    return this.col<IssueDocument>(COLLECTIONS.issues);
  }
  get objections() {
    return this.col<ObjectionDocument>(COLLECTIONS.objections);
  }
  get rulings() {
    return this.col<RulingDocument>(COLLECTIONS.rulings);
  }
  get rounds() {
    return this.col<RoundDocument>(COLLECTIONS.rounds);
  }
  get allocations() {
    return this.col<AllocationChunkDocument>(COLLECTIONS.allocations);
  }
  get batches() {
    return this.col<BatchDocument>(COLLECTIONS.batches);
  }
  get batchRuns() {
    return this.col<BatchRunDocument>(COLLECTIONS.batchRuns);
  }
  get paymentEvents() {
    return this.col<PaymentEventDocument>(COLLECTIONS.paymentEvents);
  }

  /**
   * Every matching document, one at a time, without holding the whole result set twice. A projection
   * keeps a 170,000-document read to the fields the step needs (the caller types what it asked for).
   */
  async forEach<T extends Document, R = T>(
    collection: Collection<T>,
    filter: Filter<T>,
    visit: (doc: R) => void,
    projection?: Document,
  ): Promise<void> {
    for await (const doc of collection.find(filter, { batchSize: STREAM_BATCH, projection })) visit(doc as unknown as R);
  }

  verificationsOf(caseNumber: string): Promise<VerificationDocument[]> {
    return this.verifications.find({ caseNumber }).sort({ number: 1 }).toArray();
  }

  async latestVerification(caseNumber: string): Promise<VerificationDocument | null> {
    const done = (await this.verificationsOf(caseNumber)).filter((v) => v.state === 'DONE');
    return done.at(-1) ?? null;
  }

  roundsOf(caseNumber: string): Promise<RoundDocument[]> {
    return this.rounds.find({ caseNumber }).sort({ number: 1 }).toArray();
  }
}
