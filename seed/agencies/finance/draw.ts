import type { Random } from '../../../domain/identifiers';
import type { PoolParty } from '../../pool';
import { addDays, logNormal } from '../../world';

/** What every finance asset maker draws on: the seeded random, the as-of instant, ids already issued, the pool. */
export interface Draw {
  random: Random;
  asOf: Date;
  taken: Set<string>;
  parties: readonly PoolParty[];
  organisations: readonly PoolParty[];
  /** Each person's mobile number, drawn once. */
  phones: Map<string, string>;
}

/** Redraws until the id is new: two holders of one account number would merge in the register. */
export function uniqueId(draw: Draw, make: () => string): string {
  for (;;) {
    const id = make();
    if (draw.taken.has(id)) continue;
    draw.taken.add(id);
    return id;
  }
}

/** Log-normal amount in fen, from a median and 90th percentile in yuan. */
export function yuan(random: Random, median: number, p90: number): number {
  return Math.round(logNormal(random, median, p90)) * 100;
}

/** Registers change balances daily; the last change is some days before the as-of instant. */
export function recently(draw: Draw, maxDays = 30): Date {
  return addDays(draw.asOf, -draw.random.int(0, maxDays));
}

/** The city the party lives or is registered in, without 市, as institutions put it in branch names. */
export function cityOf(party: PoolParty): string {
  return party.home.cityNameZh.replace(/市$/, '');
}
