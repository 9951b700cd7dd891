import { createHash, createHmac } from 'node:crypto';
import type { Collection } from 'mongodb';
import type { IndexDeclaration } from '../mongo';

/**
 * The access log (查询日志): every look at a person's assets or identity, who looked, why and what came
 * back. Entries form a hash chain: each carries the hash of the one before, and its own hash covers
 * both, so removing or altering an entry breaks every hash after it. The subject is stored as a keyed
 * hash of their identifier: the log proves who was looked at without holding the identifiers itself.
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

/** The hash of an entry: every field but the hash itself, in a fixed order, after the previous hash. */
export function entryHash(entry: Omit<AccessEntry, 'hash'>): string {
  const fields = [entry._id, entry.at.toISOString(), entry.userId, entry.role, entry.court, entry.agency, entry.subjectHash,
    entry.answeredBy, entry.categories.join(','), entry.caseNumber, entry.operation, entry.resultCount];
  return createHash('sha256').update(entry.previousHash).update(JSON.stringify(fields)).digest('hex');
}

export interface ChainCheck {
  intact: boolean;
  entries: number;
  /** The first entry that does not match its hash or its predecessor, or the first missing position. */
  firstBrokenAt: number | null;
}

/** Walks the chain from the start and recomputes every hash. */
export async function verifyChain(log: Collection<AccessEntry>): Promise<ChainCheck> {
  let previous = GENESIS;
  let expected = 1;
  let entries = 0;
  for await (const entry of log.find().sort({ _id: 1 })) {
    const { hash, ...unsigned } = entry;
    if (entry._id !== expected || entry.previousHash !== previous || entryHash(unsigned) !== hash) {
      return { intact: false, entries, firstBrokenAt: Math.min(entry._id, expected) };
    }
    previous = hash;
    expected += 1;
    entries += 1;
  }
  return { intact: true, entries, firstBrokenAt: null };
}
