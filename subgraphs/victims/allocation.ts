/**
 * Proportional distribution of a mass-victim case (涉众案件分配), as a pure function.
 *
 * Rule (domain.md): ratio_k = cumulative pool ÷ total claims; each person's cumulative share is
 * floor(claim × ratio_k) to the cent; the cents left over go to the largest remainders (ties: lower
 * participant id first); nobody is paid back out (shares only grow) and nobody gets more than the claim.
 * When what someone already has exceeds their share now (a lowered claim, or a leftover cent an earlier
 * round gave and this one would not: the Alabama paradox of largest remainders), they keep it and drop
 * out, and the others share what is left. Shares then stay within one cent of claim × ratio_k.
 * Everything is integer fen. claim × pool can pass 2^53 (¥1,000,000 claim × ¥1 billion pool = 10^19 fen²),
 * so those products go through BigInt; the rest stay in doubles, which are exact below 2^53.
 */

export interface ClaimInput {
  participantId: string;
  /** The claim this round counts with, in fen (allowed, or held in reserve: the caller decides). */
  claim: number;
  /** What earlier rounds already gave this person (paid or reserved), in fen; never taken back. */
  allocated: number;
}

export interface AllocationResult {
  /** Per entry, in input order: the cumulative share after this round. */
  cumulative: Float64Array;
  /** Per entry: this round's amount (cumulative − allocated). */
  amounts: Float64Array;
  /** Sum of `amounts`: exactly min(pool, total claims) − Σ allocated, or 0 if earlier rounds already gave more. */
  distributed: number;
  /** The part of the cumulative pool above the total claims: nobody may receive it. */
  undistributed: number;
  /** Σ claims, the denominator of the ratio. */
  totalClaims: number;
  /** People held at what they already had because it exceeds their share now (claims lowered, or an earlier leftover cent). */
  heldAtAllocated: number;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
// Globals read once: in a vm context (jest) each global lookup inside the hot loops costs as much as the arithmetic.
const { floor, min, max } = Math;
const { isSafeInteger } = Number;
const big = BigInt;
const num = Number;

function isAmount(value: number): boolean {
  return isSafeInteger(value) && value >= 0;
}

function refuse(what: string, value: number): never {
  throw new RangeError(`${what} must be a non-negative whole number of fen, got ${value}`);
}

/** A round's pool and total claims, in both representations so the per-claim loop converts nothing twice. */
interface Ratio {
  pool: number;
  total: number;
  poolBig: bigint;
  totalBig: bigint;
  /** Below this claim, claim × pool and q × total (at most claim × pool + total) are exact in a double. */
  safeBelow: number;
}

function ratio(pool: number, total: number): Ratio {
  return { pool, total, poolBig: big(pool), totalBig: big(total), safeBelow: pool === 0 ? MAX_SAFE : floor((MAX_SAFE - total) / pool) };
}

/** floor(claim × pool / total) and its remainder, exactly. */
function share(claim: number, k: Ratio, out: { q: number; r: number }): void {
  if (claim <= k.safeBelow) {
    const product = claim * k.pool;
    let q = floor(product / k.total);
    // The float division may land one off near an integer; the exact remainder settles it.
    let r = product - q * k.total;
    if (r < 0) {
      q -= 1;
      r += k.total;
    } else if (r >= k.total) {
      q += 1;
      r -= k.total;
    }
    out.q = q;
    out.r = r;
    return;
  }
  const product = big(claim) * k.poolBig;
  const q = product / k.totalBig;
  out.q = num(q);
  out.r = num(product - q * k.totalBig);
}

export function allocate(entries: readonly ClaimInput[], cumulativePool: number): AllocationResult {
  if (!isAmount(cumulativePool)) refuse('cumulativePool', cumulativePool);
  const n = entries.length;
  let totalClaims = 0;
  for (let i = 0; i < n; i++) {
    const e = entries[i];
    if (!isAmount(e.claim)) refuse(`claim of ${e.participantId}`, e.claim);
    if (!isAmount(e.allocated)) refuse(`allocated of ${e.participantId}`, e.allocated);
    totalClaims += e.claim;
  }
  if (!isSafeInteger(totalClaims)) throw new RangeError('total claims exceed 2^53 fen');
  const pool = min(cumulativePool, totalClaims);
  const cumulative = new Float64Array(n);
  const floors = new Float64Array(n);
  const remainders = new Float64Array(n);
  // Entries whose earlier share already exceeds their share now keep it and drop out; the rest share what is left.
  const out = new Uint8Array(n);
  let heldAtAllocated = 0;
  for (;;) {
    let restPool = pool;
    let restClaims = 0;
    for (let i = 0; i < n; i++) {
      if (out[i]) restPool -= entries[i].allocated;
      else restClaims += entries[i].claim;
    }
    restPool = max(0, restPool);
    const leftover = shareOut(entries, out, restPool, restClaims, { cumulative, floors, remainders });
    if (leftover >= 0) {
      if (leftover > 0) giveLeftover(rankByRemainder(entries, out, remainders), entries, cumulative, floors, leftover);
      break;
    }
    const dropped = dropOverAllocated(entries, out, cumulative);
    heldAtAllocated += dropped;
    if (dropped === 0) throw new Error('allocation did not converge'); // unreachable: a negative leftover implies someone above their share
  }
  const amounts = new Float64Array(n);
  let distributed = 0;
  for (let i = 0; i < n; i++) {
    if (out[i]) cumulative[i] = entries[i].allocated;
    amounts[i] = cumulative[i] - entries[i].allocated;
    distributed += amounts[i];
  }
  return { cumulative, amounts, distributed, undistributed: cumulativePool - pool, totalClaims, heldAtAllocated };
}

/** Floors of the proportional shares of the entries still in; returns the cents left (negative: earlier shares exceed this pool). */
interface Shares {
  cumulative: Float64Array;
  floors: Float64Array;
  remainders: Float64Array;
}

function shareOut(entries: readonly ClaimInput[], out: Uint8Array, pool: number, total: number, shares: Shares): number {
  const { cumulative, floors, remainders } = shares;
  if (total === 0) {
    // Nothing to share: everyone still in keeps what they had.
    for (let i = 0; i < entries.length; i++) if (!out[i]) cumulative[i] = floors[i] = entries[i].allocated;
    return 0;
  }
  const k = ratio(pool, total);
  const s = { q: 0, r: 0 };
  let sum = 0;
  for (let i = 0; i < entries.length; i++) {
    if (out[i]) continue;
    const e = entries[i];
    share(e.claim, k, s);
    remainders[i] = s.r;
    floors[i] = min(s.q, e.claim);
    // Shares only grow: a floor below what was already given keeps what was given.
    cumulative[i] = max(floors[i], e.allocated);
    sum += cumulative[i];
  }
  return pool - sum;
}

function dropOverAllocated(entries: readonly ClaimInput[], out: Uint8Array, cumulative: Float64Array): number {
  let dropped = 0;
  for (let i = 0; i < entries.length; i++) {
    // cumulative equals allocated exactly when the floor share fell below it (or both are equal, which costs nothing)
    if (!out[i] && entries[i].allocated > 0 && cumulative[i] === entries[i].allocated) {
      out[i] = 1;
      dropped += 1;
    }
  }
  return dropped;
}

/** Indices still in, by remainder, largest first; equal remainders by participant id, so input order never matters. */
function rankByRemainder(entries: readonly ClaimInput[], out: Uint8Array, remainders: Float64Array): Uint32Array {
  let count = 0;
  for (let i = 0; i < entries.length; i++) if (!out[i]) count++;
  const order = new Uint32Array(count);
  for (let i = 0, k = 0; i < entries.length; i++) if (!out[i]) order[k++] = i;
  return order.sort((a, b) => {
    const d = remainders[b] - remainders[a];
    if (d !== 0) return d;
    const ia = entries[a].participantId;
    const ib = entries[b].participantId;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}

/**
 * One cent each down the ranking, only to those still at their floor: someone already above it holds an
 * earlier leftover cent, and a second would take them past the ceiling of their share. The cents left are
 * fewer than the sum of the fractions of those at their floor, so one pass always places them all.
 */
function giveLeftover(
  order: Uint32Array,
  entries: readonly ClaimInput[],
  cumulative: Float64Array,
  floors: Float64Array,
  leftover: number,
): void {
  let left = leftover;
  for (let k = 0; k < order.length && left > 0; k++) {
    const i = order[k];
    if (cumulative[i] === floors[i] && cumulative[i] < entries[i].claim) {
      cumulative[i] += 1;
      left -= 1;
    }
  }
  if (left > 0) throw new Error(`allocation left ${left} cents unplaced`); // unreachable, see above
}
