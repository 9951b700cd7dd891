import { createRandom, type Random } from '../../domain/identifiers';
import { allocate, type ClaimInput } from './allocation';

function pid(i: number): string {
  return `P${String(i).padStart(6, '0')}`;
}

/** Claim sets of every shape that matters: tiny, huge, equal (ties), zeros, a few or many people. */
function randomClaims(random: Random): number[] {
  const n = random.int(1, random.chance(0.2) ? 400 : 40);
  const style = random.int(0, 3);
  return Array.from({ length: n }, () => {
    if (random.chance(0.05)) return 0;
    if (style === 0) return random.int(1, 100);
    if (style === 1) return 50_000 * random.int(1, 4); // many equal remainders
    if (style === 2) return random.int(1, 2_000_000_000_000); // up to ¥20 billion: products need BigInt
    return Math.round(Math.exp(10 + 6 * random.next()));
  });
}

/**
 * |cumulative × total − claim × pool| ≤ total: at most one cent from the exact proportional share.
 * Within a round it is strictly less; across rounds exactly one cent can be forced, because a leftover
 * cent given earlier is never taken back (claims 1,10,1,12,10 at pools 15 then 17: 1,4,1,5,4 must become 1,5,1,5,5).
 */
function withinOneCent(cumulative: number, claim: number, pool: number, total: number): boolean {
  const diff = BigInt(cumulative) * BigInt(total) - BigInt(claim) * BigInt(pool);
  return (diff < 0n ? -diff : diff) <= BigInt(total);
}

describe('allocate', () => {
  it('splits ¥100.00 over three equal claims exactly, the odd cent to the lowest id', () => {
    const result = allocate(
      [pid(3), pid(1), pid(2)].map((id) => ({ participantId: id, claim: 5000, allocated: 0 })),
      10_000,
    );
    expect(Array.from(result.amounts)).toEqual([3333, 3334, 3333]);
    expect(result.distributed).toBe(10_000);
  });

  it('keeps an earlier leftover cent and gives no one a second one', () => {
    const claims = [1, 10, 1, 12, 10];
    const first = allocate(
      claims.map((claim, i) => ({ participantId: pid(i), claim, allocated: 0 })),
      15,
    );
    expect(Array.from(first.cumulative)).toEqual([1, 4, 1, 5, 4]);
    const second = allocate(
      claims.map((claim, i) => ({ participantId: pid(i), claim, allocated: first.cumulative[i] })),
      17,
    );
    expect(Array.from(second.cumulative)).toEqual([1, 5, 1, 5, 5]);
    expect(second.distributed).toBe(2);
  });

  it('gives leftover cents to the largest remainders', () => {
    // shares 0.7 / 1.2 / 1.1 of 3 cents: floors 0,1,1 and the one leftover cent to the 0.7 remainder
    const result = allocate(
      [
        { participantId: 'a', claim: 7, allocated: 0 },
        { participantId: 'b', claim: 12, allocated: 0 },
        { participantId: 'c', claim: 11, allocated: 0 },
      ],
      3,
    );
    expect(Array.from(result.amounts)).toEqual([1, 1, 1]);
  });

  it('pays claims in full and keeps the surplus undistributed when the pool exceeds the claims', () => {
    const result = allocate(
      [
        { participantId: 'a', claim: 100, allocated: 0 },
        { participantId: 'b', claim: 250, allocated: 40 },
      ],
      1000,
    );
    expect(Array.from(result.cumulative)).toEqual([100, 250]);
    expect(result.distributed).toBe(310);
    expect(result.undistributed).toBe(650);
  });

  it('gives nothing and takes nothing back when every claim is gone', () => {
    const result = allocate(
      [
        { participantId: 'a', claim: 0, allocated: 500 },
        { participantId: 'b', claim: 0, allocated: 0 },
      ],
      2000,
    );
    expect(Array.from(result.amounts)).toEqual([0, 0]);
    expect(Array.from(result.cumulative)).toEqual([500, 0]);
    expect(result.undistributed).toBe(2000);
  });

  it('refuses negative or fractional amounts', () => {
    expect(() => allocate([{ participantId: 'a', claim: 1.5, allocated: 0 }], 1)).toThrow(RangeError);
    expect(() => allocate([{ participantId: 'a', claim: 1, allocated: 0 }], -1)).toThrow(RangeError);
  });

  // Jest's expect is slow per call; the properties collect violations and assert once per test.
  it('property: one round sums exactly, nobody above the claim, under one cent off, independent of input order', () => {
    const random = createRandom('allocation-one-round');
    const problems: string[] = [];
    for (let run = 0; run < 500; run++) {
      const claims = randomClaims(random);
      const total = claims.reduce((s, c) => s + c, 0);
      const pool = random.int(0, Math.max(1, Math.floor(total * (random.chance(0.1) ? 1.2 : random.next()))));
      const entries: ClaimInput[] = claims.map((claim, i) => ({ participantId: pid(i), claim, allocated: 0 }));
      const result = allocate(entries, pool);
      if (result.distributed !== Math.min(pool, total) || result.distributed + result.undistributed !== pool)
        problems.push(`run ${run}: sum ${result.distributed} for pool ${pool}`);
      const exactPool = BigInt(Math.min(pool, total));
      entries.forEach((e, i) => {
        if (result.cumulative[i] > e.claim) problems.push(`run ${run}: ${e.participantId} above claim`);
        const diff = BigInt(result.cumulative[i]) * BigInt(total || 1) - BigInt(e.claim) * exactPool;
        if ((diff < 0n ? -diff : diff) >= BigInt(total || 1)) problems.push(`run ${run}: ${e.participantId} one cent or more off`);
      });
      const shuffled = [...entries].sort(() => random.next() - 0.5);
      const again = allocate(shuffled, pool);
      const byId = new Map(shuffled.map((e, i) => [e.participantId, again.amounts[i]]));
      entries.forEach((e, i) => {
        if (byId.get(e.participantId) !== result.amounts[i]) problems.push(`run ${run}: ${e.participantId} depends on input order`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('property: across rounds shares only grow, each round sums exactly to its pool, within one cent of the cumulative ratio', () => {
    const random = createRandom('allocation-rounds');
    const problems: string[] = [];
    for (let run = 0; run < 300; run++) {
      const claims = randomClaims(random);
      const total = claims.reduce((s, c) => s + c, 0);
      const allocated = claims.map(() => 0);
      let cumulativePool = 0;
      const rounds = random.int(2, 6);
      for (let round = 0; round < rounds; round++) {
        const pool = random.int(0, Math.max(1, Math.floor(total / 3)));
        cumulativePool += pool;
        const entries = claims.map((claim, i) => ({ participantId: pid(i), claim, allocated: allocated[i] }));
        const result = allocate(entries, cumulativePool);
        const given = Math.min(cumulativePool, total) - Math.min(cumulativePool - pool, total);
        if (result.distributed !== given) problems.push(`run ${run} round ${round}: distributed ${result.distributed}, pool gave ${given}`);
        entries.forEach((e, i) => {
          if (result.amounts[i] < 0) problems.push(`run ${run}: ${e.participantId} paid back`);
          if (result.cumulative[i] > e.claim) problems.push(`run ${run}: ${e.participantId} above claim`);
          if (!withinOneCent(result.cumulative[i], e.claim, Math.min(cumulativePool, total), total || 1))
            problems.push(`run ${run}: ${e.participantId} off by more than a cent`);
          allocated[i] = result.cumulative[i];
        });
      }
    }
    expect(problems).toEqual([]);
  });

  it('never takes back what was given when claims shrink between rounds, and still sums exactly', () => {
    const random = createRandom('allocation-shrink');
    const problems: string[] = [];
    for (let run = 0; run < 200; run++) {
      const claims = randomClaims(random);
      const total = claims.reduce((s, c) => s + c, 0);
      const first = allocate(
        claims.map((claim, i) => ({ participantId: pid(i), claim, allocated: 0 })),
        Math.floor(total / 2),
      );
      const reduced = claims.map((c) => (random.chance(0.3) ? Math.floor(c / 4) : c));
      const newTotal = reduced.reduce((s, c) => s + c, 0);
      const pool = Math.floor(total / 2) + random.int(0, Math.max(1, Math.floor(total / 4)));
      const entries = reduced.map((claim, i) => ({ participantId: pid(i), claim, allocated: first.cumulative[i] }));
      const result = allocate(entries, pool);
      const before = entries.reduce((s, e) => s + e.allocated, 0);
      if (result.distributed !== Math.max(0, Math.min(pool, newTotal) - before))
        problems.push(`run ${run}: distributed ${result.distributed}`);
      entries.forEach((e, i) => {
        if (result.amounts[i] < 0) problems.push(`run ${run}: ${e.participantId} paid back`);
        if (result.cumulative[i] > Math.max(e.claim, e.allocated)) problems.push(`run ${run}: ${e.participantId} above claim`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('allocates 300,000 claims in well under a second', () => {
    const random = createRandom('allocation-speed');
    const entries = Array.from({ length: 300_000 }, (_, i) => ({
      participantId: pid(i),
      claim: Math.round(Math.exp(12 + 3 * random.next())),
      allocated: 0,
    }));
    const total = entries.reduce((s, e) => s + e.claim, 0);
    const started = performance.now();
    const result = allocate(entries, Math.floor(total * 0.37));
    const elapsed = performance.now() - started;
    expect(result.distributed).toBe(Math.floor(total * 0.37));
    expect(elapsed).toBeLessThan(1000);
  });
});
