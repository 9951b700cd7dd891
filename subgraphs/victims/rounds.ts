import { domainError, ErrorCode } from '../../platform/errors';
import { isDuplicateKey } from '../kit/mongo';
import { forEachAllocation, packAllocations, writeAllocations } from './allocationStore';
import { allocate, type ClaimInput } from './allocation';
import { pairId, roundIdOf } from './ids';
import type { AllocationDocument, ClaimDocument, HoldReason, MassCaseDocument, RoundDocument, RoundTotals } from './model';
import { objectionsOf } from './objections';
import type { VictimsRepository } from './repository';

export interface Holding {
  paid: number;
  held: number;
}

export type Objections = Awaited<ReturnType<typeof objectionsOf>>;

/** What a round reads of each claim. */
export type ClaimRow = Pick<ClaimDocument, 'participantId' | 'status' | 'claim'>;

interface Entry extends ClaimInput {
  hold: HoldReason | null;
  prior: Holding;
}

/**
 * What each person counts with this round: the verified claim, a ruling's amount, or (pending objection)
 * the larger of verified and claimed, held back; name mismatches and the unregistered are held too.
 */
function entriesOf(claims: readonly ClaimRow[], objections: Objections, previous: ReadonlyMap<string, Holding>): Entry[] {
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const row of claims) {
    seen.add(row.participantId);
    let claim = row.claim;
    let hold: HoldReason | null = row.status === 'UNREGISTERED' ? 'UNREGISTERED' : row.status === 'NAME_MISMATCH' ? 'NAME_MISMATCH' : null;
    const objection = objections.get(row.participantId);
    if (objection?.ruling) {
      claim = objection.ruling.allowedClaim;
      hold = null;
    } else if (objection) {
      claim = Math.max(claim, objection.objection.claimedAmount ?? claim);
      hold = 'OBJECTION';
    }
    const prior = previous.get(row.participantId) ?? { paid: 0, held: 0 };
    if (claim === 0 && prior.paid + prior.held === 0) continue;
    // What was paid stays paid; what was held shrinks with a lowered claim, the excess going back to the pool.
    const allocated = Math.max(prior.paid, Math.min(prior.paid + prior.held, claim));
    entries.push({ participantId: row.participantId, claim: Math.max(claim, prior.paid), allocated, hold, prior });
  }
  for (const [participantId, prior] of previous) {
    // Paid earlier, gone from the ledger since: the payment still counts against the pool.
    if (!seen.has(participantId) && prior.paid > 0)
      entries.push({ participantId, claim: prior.paid, allocated: prior.paid, hold: null, prior: { paid: prior.paid, held: 0 } });
  }
  return entries;
}

/**
 * The round's arithmetic, without the database: allocate the cumulative pool, split each share into
 * payment or holding, and check that the books balance to the cent. The seed writes its round with it.
 */
export function computeRound(
  round: RoundDocument,
  claims: readonly ClaimRow[],
  objections: Objections,
  previous: ReadonlyMap<string, Holding>,
): { allocations: AllocationDocument[]; totals: RoundTotals } {
  const entries = entriesOf(claims, objections, previous);
  const result = allocate(entries, round.cumulativePool);
  const totals: RoundTotals = {
    totalClaims: result.totalClaims,
    distributed: result.distributed,
    undistributed: result.undistributed,
    payable: 0,
    payees: 0,
    reserved: 0,
    reservedPeople: 0,
    escrow: 0,
    escrowPeople: 0,
    released: 0,
    entries: entries.length,
  };
  let heldBefore = 0;
  let returnedToPool = 0;
  const allocations: AllocationDocument[] = entries.map((e, i) => {
    const cumulative = result.cumulative[i];
    const held = e.hold ? cumulative - e.prior.paid : 0;
    const payment = e.hold ? 0 : cumulative - e.prior.paid;
    heldBefore += e.prior.held;
    returnedToPool += e.prior.paid + e.prior.held - e.allocated;
    totals.released += Math.max(0, e.prior.held - held);
    totals.payable += payment;
    if (payment > 0) totals.payees += 1;
    if (e.hold === 'UNREGISTERED') {
      totals.escrow += held;
      totals.escrowPeople += 1;
    } else if (e.hold) {
      totals.reserved += held;
      totals.reservedPeople += 1;
    }
    return {
      _id: pairId(round._id, e.participantId),
      roundId: round._id,
      caseNumber: round.caseNumber,
      participantId: e.participantId,
      claim: e.claim,
      amount: payment,
      cumulativePaid: e.prior.paid + payment,
      cumulativeHeld: held,
      hold: e.hold,
    };
  });
  // Payments plus the change in holdings is what the pool gave, less holdings a lowered claim sent back to it.
  if (totals.payable + totals.reserved + totals.escrow - heldBefore !== result.distributed - returnedToPool) {
    throw new Error(
      `round ${round._id} does not balance: payable ${totals.payable}, held ${totals.reserved + totals.escrow} (before ${heldBefore}), distributed ${result.distributed}`,
    );
  }
  return { allocations, totals };
}

/**
 * Announces a distribution round: allocates the cumulative pool over the latest verification's claims,
 * pays allowed claims, holds the rest in reserve or escrow, and writes one allocation per person.
 * Announcing again a round that crashed half-way, with the same pool, finishes it; its writes are inserts.
 */
export async function announceRound(repo: VictimsRepository, massCase: MassCaseDocument, pool: number, now: Date): Promise<RoundDocument> {
  const caseNumber = massCase._id;
  const verification = await repo.latestVerification(caseNumber);
  if (!verification) throw domainError(ErrorCode.INVALID_TRANSITION, `${caseNumber} has not been verified: verify it before distributing`);
  const rounds = await repo.roundsOf(caseNumber);
  const last = rounds.at(-1);
  const resuming = last?.state === 'RUNNING';
  if (resuming && last.pool !== pool)
    throw domainError(
      ErrorCode.INVALID_TRANSITION,
      `round ${last.number} of ${caseNumber} did not finish; announce it again with its pool ${last.pool}`,
    );
  const lastDone = rounds.filter((r) => r.state === 'DONE').at(-1);
  const number = resuming ? last.number : (last?.number ?? 0) + 1;
  const round: RoundDocument = {
    _id: roundIdOf(caseNumber, number),
    caseNumber,
    number,
    pool,
    cumulativePool: (lastDone?.cumulativePool ?? 0) + pool,
    verificationId: verification._id,
    announcedAt: resuming ? last.announcedAt : now,
    state: 'RUNNING',
  };
  if (!resuming) {
    try {
      await repo.rounds.insertOne(round);
    } catch (error) {
      if (isDuplicateKey(error))
        throw domainError(ErrorCode.INVALID_TRANSITION, `round ${number} of ${caseNumber} is being announced already`);
      throw error;
    }
  }
  const claims: ClaimRow[] = [];
  await repo.forEach<ClaimDocument, ClaimRow>(repo.claims, { verificationId: verification._id }, (c) => claims.push(c), {
    _id: 0,
    participantId: 1,
    status: 1,
    claim: 1,
  });
  const previous = new Map<string, Holding>();
  if (lastDone)
    await forEachAllocation(repo, lastDone._id, (a) => previous.set(a.participantId, { paid: a.cumulativePaid, held: a.cumulativeHeld }));
  const { allocations, totals } = computeRound(round, claims, await objectionsOf(repo, caseNumber, verification._id), previous);
  await writeAllocations(repo, packAllocations(round, allocations));
  const done: RoundDocument = { ...round, state: 'DONE', totals };
  // A few rounds per case: replacing one is cheap even where updates scan their collection.
  await repo.rounds.replaceOne({ _id: round._id }, done);
  return done;
}
