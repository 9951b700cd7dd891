import type { BatchRunDocument, MassCaseDocument, PaymentEventDocument, RoundDocument } from './model';
import type { VictimsRepository } from './repository';

/** A count of people and their amount in fen; withheld together or not at all. */
export interface Bucket {
  count: number;
  amount: number;
}

export interface Figures {
  registered?: number;
  verified?: Bucket;
  payable: Bucket;
  paid: Bucket;
  failed: Bucket;
  inFlight: Bucket;
  reserved: Bucket;
  escrow: Bucket;
}

type Outcome = 'paid' | 'failed' | 'inFlight';

const empty = (): Bucket => ({ count: 0, amount: 0 });

function add(bucket: Bucket, count: number, amount: number): void {
  bucket.count += count;
  bucket.amount += amount;
}

/** Where a payment's money stands after its batch run, before any later event. */
function outcomeInRun(run: BatchRunDocument | undefined, paymentId: string): Outcome {
  if (!run || run.state !== 'DONE' || run.accepted?.includes(paymentId)) return 'inFlight';
  return run.failed?.some((f) => f.paymentId === paymentId) ? 'failed' : 'paid';
}

function outcomeOfEvent(event: PaymentEventDocument): Outcome {
  if (event.step === 'SENT') return 'inFlight';
  if (event.step === 'RETURNED') return 'failed';
  return event.status === 'SUCCESS' ? 'paid' : 'failed';
}

const STEP_ORDER = { SENT: 0, OUTCOME: 1, RETURNED: 2 } as const;

/**
 * A round's figures from its few batch runs and payment events, never from its payments: batch totals say
 * where attempt 1 went, and the events (results recorded later, returns, resends) move single payments on.
 */
export async function roundFigures(repo: VictimsRepository, round: RoundDocument): Promise<Figures> {
  const totals = round.totals;
  const [batches, runs, events] = await Promise.all([
    repo.batches.find({ roundId: round._id }, { projection: { items: 0 } }).toArray(),
    repo.batchRuns.find({ roundId: round._id }).toArray(),
    repo.paymentEvents.find({ roundId: round._id }).toArray(),
  ]);
  const figures: Figures = {
    payable: { count: totals?.payees ?? 0, amount: totals?.payable ?? 0 },
    paid: empty(),
    failed: empty(),
    inFlight: empty(),
    reserved: { count: totals?.reservedPeople ?? 0, amount: totals?.reserved ?? 0 },
    escrow: { count: totals?.escrowPeople ?? 0, amount: totals?.escrow ?? 0 },
  };
  const runById = new Map(runs.map((r) => [r._id, r]));
  for (const batch of batches) {
    const run = runById.get(batch._id);
    if (run?.state === 'DONE' && run.totals) {
      add(figures.paid, run.totals.succeeded, run.totals.succeededAmount);
      add(figures.failed, run.totals.failed, run.totals.failedAmount);
      add(figures.inFlight, run.totals.accepted, run.totals.acceptedAmount);
    } else add(figures.inFlight, batch.count, batch.total);
  }
  const latest = new Map<string, PaymentEventDocument>();
  for (const e of events) {
    const seen = latest.get(e.paymentId);
    if (!seen || e.attempt > seen.attempt || (e.attempt === seen.attempt && STEP_ORDER[e.step] > STEP_ORDER[seen.step]))
      latest.set(e.paymentId, e);
  }
  for (const e of latest.values()) {
    const from = outcomeInRun(runById.get(e.batchId), e.paymentId);
    const to = outcomeOfEvent(e);
    if (from === to) continue;
    add(figures[from], -1, -e.amount);
    add(figures[to], 1, e.amount);
  }
  return figures;
}

/** A case's figures: registrations and the latest verification, the sum of its rounds, what the last round holds. */
export async function caseFigures(repo: VictimsRepository, massCase: MassCaseDocument): Promise<Figures> {
  const caseNumber = massCase._id;
  const [registered, verification, rounds] = await Promise.all([
    repo.participants.countDocuments({ caseNumber }),
    repo.latestVerification(caseNumber),
    repo.roundsOf(caseNumber),
  ]);
  const figures: Figures = {
    registered,
    payable: empty(),
    paid: empty(),
    failed: empty(),
    inFlight: empty(),
    reserved: empty(),
    escrow: empty(),
  };
  if (verification?.counts && verification.amounts) {
    const verified = { count: verification.counts.VERIFIED, amount: verification.amounts.VERIFIED };
    const [objections, rulings] = await Promise.all([
      repo.objections.find({ caseNumber }).toArray(),
      repo.rulings.find({ caseNumber }).toArray(),
    ]);
    const objectionById = new Map(objections.map((o) => [o._id, o]));
    for (const ruling of rulings) {
      const objection = objectionById.get(ruling._id);
      if (!objection || ruling.verificationId !== verification._id) continue;
      // A ruling replaces the verified claim, or makes an unverified one allowed.
      if (objection.claimStatus === 'VERIFIED') add(verified, 0, ruling.allowedClaim - objection.verifiedClaim);
      else add(verified, 1, ruling.allowedClaim);
    }
    figures.verified = verified;
  }
  const perRound = await Promise.all(rounds.filter((r) => r.state === 'DONE').map((round) => roundFigures(repo, round)));
  for (const r of perRound) {
    add(figures.payable, r.payable.count, r.payable.amount);
    add(figures.paid, r.paid.count, r.paid.amount);
    add(figures.failed, r.failed.count, r.failed.amount);
    add(figures.inFlight, r.inFlight.count, r.inFlight.amount);
  }
  // Holdings are cumulative: what the last round holds is what the case holds.
  figures.reserved = perRound.at(-1)?.reserved ?? empty();
  figures.escrow = perRound.at(-1)?.escrow ?? empty();
  return figures;
}

/** Analysts see no group of fewer than this many people (domain.md, "Who may see what"). */
export const MIN_GROUP = 10;

export type FigureAccess = 'FULL' | 'SUPPRESS_SMALL_GROUPS';

/** Whether a figure about `count` people is withheld from this reader: 1 to 9 people, unless they see in full. */
export function withheld(count: number | undefined, access: FigureAccess): boolean {
  return access === 'SUPPRESS_SMALL_GROUPS' && count !== undefined && count > 0 && count < MIN_GROUP;
}

/** The GraphQL Aggregates: in full for staff; for analysts every figure about 1 to 9 people withheld. */
export function presentFigures(figures: Figures, access: FigureAccess) {
  let suppressed = false;
  const small = (count: number | undefined) => withheld(count, access);
  const pair = (bucket: Bucket | undefined): [number | null, number | null] => {
    if (!bucket) return [null, null];
    if (small(bucket.count)) {
      suppressed = true;
      return [null, null];
    }
    return [bucket.count, bucket.amount];
  };
  const wholeGroupSmall = small(figures.registered) || (figures.registered === undefined && small(figures.payable.count));
  if (wholeGroupSmall) {
    return {
      registered: null,
      verified: null,
      allowedClaims: null,
      payees: null,
      payable: null,
      paidCount: null,
      paid: null,
      failedCount: null,
      failed: null,
      inFlightCount: null,
      inFlight: null,
      reservedCount: null,
      reserved: null,
      escrowCount: null,
      escrow: null,
      suppressed: true,
    };
  }
  const [verified, allowedClaims] = pair(figures.verified);
  const [payees, payable] = pair(figures.payable);
  const [paidCount, paid] = pair(figures.paid);
  const [failedCount, failed] = pair(figures.failed);
  const [inFlightCount, inFlight] = pair(figures.inFlight);
  const [reservedCount, reserved] = pair(figures.reserved);
  const [escrowCount, escrow] = pair(figures.escrow);
  return {
    registered: figures.registered ?? null,
    verified,
    allowedClaims,
    payees,
    payable,
    paidCount,
    paid,
    failedCount,
    failed,
    inFlightCount,
    inFlight,
    reservedCount,
    reserved,
    escrowCount,
    escrow,
    suppressed,
  };
}
