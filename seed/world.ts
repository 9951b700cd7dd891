import type { Document } from 'mongodb';
import type { Random } from '../domain/identifiers';
import type { CaseDocument } from '../subgraphs/court/model';
import type { PoolParty } from './pool';

/** What the court generator creates first and every agency generator then draws on. */
export interface World {
  /** The instant the synthetic province is "as of"; fixed so a seed yields the same data every day. */
  asOf: Date;
  parties: readonly PoolParty[];
  partyById: ReadonlyMap<string, PoolParty>;
  cases: readonly CaseDocument[];
}

/** Documents per collection of one subgraph's database, all with deterministic ids. */
export type AgencyData = Record<string, Document[]>;

export type AgencyGenerator = (world: World, random: Random) => AgencyData;

export const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function addYears(date: Date, years: number): Date {
  const next = new Date(date);
  next.setUTCFullYear(next.getUTCFullYear() + years);
  return next;
}

/** Log-normal draw by median and 90th percentile, the way domain.md describes claim sizes. */
export function logNormal(random: Random, median: number, p90: number): number {
  const sigma = Math.log(p90 / median) / 1.2816;
  const u1 = Math.max(random.next(), Number.EPSILON);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.next());
  return median * Math.exp(sigma * z);
}
