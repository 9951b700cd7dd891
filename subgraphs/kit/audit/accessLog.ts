import { createHmac } from 'node:crypto';
import type { IndexDeclaration } from '../mongo';

/**
 * The access log (查询日志): every look at a person's assets or identity, who looked, why and what came
 * back. Entries form a keyed chain: each carries the MAC of the one before, and its own MAC (HMAC-SHA256
 * under the log key) covers both, so whoever lacks the key can neither alter an entry nor rebuild the
 * chain after it. What a chain alone cannot show, that its end was cut off, signed checkpoints show
 * (checkpoints.ts, verify.ts). The subject is stored as a keyed hash of their identifier: the log proves
 * who was looked at without holding the identifiers itself.
 */
export interface AccessEntryInput {
  userId: string;
  role: string;
  court: string | null;
  agency: string | null;
  /** The party looked at (citizen ID or USCC); stored only as a keyed hash. */
  subjectId: string;
  /** The agency whose register answered. */
  answeredBy: string;
  categories: string[];
  /** The legal basis of the look. */
  caseNumber: string;
  operation: string;
  resultCount: number;
}

export interface AccessEntry extends Omit<AccessEntryInput, 'subjectId'> {
  _id: number; // position in the chain, from 1
  subjectHash: string;
  at: Date;
  previousHash: string;
  hash: string;
}

export const ACCESS_LOG = 'accessLog';
export const accessLogIndexes: readonly IndexDeclaration[] = [{ collection: ACCESS_LOG, key: { subjectHash: 1 } }];
export const GENESIS = '0'.repeat(64);

export function subjectHash(key: string, subjectId: string): string {
  return createHmac('sha256', key).update(subjectId).digest('hex');
}

/**
 * A key for one use of the log key: entry MACs and checkpoint signatures each get their own, so a value
 * made for one can never pass as the other (nor as a subject hash, which uses the log key itself).
 */
export function derivedKey(key: string, purpose: 'entry' | 'checkpoint'): Buffer {
  return createHmac('sha256', key).update(`enforcement-supergraph access log ${purpose} key`).digest();
}

/** The MAC of an entry: every field but the MAC itself, in a fixed order, after the previous entry's MAC. */
export function entryHash(key: string, entry: Omit<AccessEntry, 'hash'>): string {
  const fields = [
    entry._id,
    entry.at.toISOString(),
    entry.userId,
    entry.role,
    entry.court,
    entry.agency,
    entry.subjectHash,
    entry.answeredBy,
    entry.categories.join(','),
    entry.caseNumber,
    entry.operation,
    entry.resultCount,
  ];
  return createHmac('sha256', derivedKey(key, 'entry')).update(entry.previousHash).update(JSON.stringify(fields)).digest('hex');
}
