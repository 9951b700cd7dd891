import type { Collection } from 'mongodb';
import { entryHash, GENESIS, type AccessEntry } from './accessLog';
import type { Checkpoint, StoredCheckpoints } from './checkpoints';

/**
 * How a chain can be found broken, at its first bad position:
 * - ALTERED: the entry's MAC does not verify: changed, backdated, moved to another place, forged, or the
 *   chain rebuilt without the log key;
 * - MISSING: no entry at this place while later ones exist (removed without rebuilding);
 * - RELINKED: a validly signed entry that does not follow the one before it (spliced in from elsewhere);
 * - CHECKPOINT_MISMATCH: a signed checkpoint names another entry at this place (rebuilt with the key);
 * - TRUNCATED: the log ends before a signed checkpoint's position (cut off, or emptied);
 * - FORGED_CHECKPOINT: a checkpoint record not signed by the log key (the anchor itself tampered with).
 */
export type ChainBreak = 'ALTERED' | 'MISSING' | 'RELINKED' | 'CHECKPOINT_MISMATCH' | 'TRUNCATED' | 'FORGED_CHECKPOINT';

export interface ChainCheck {
  intact: boolean;
  /** Entries that verify, from the first, before the first break. */
  entries: number;
  firstBrokenAt: number | null;
  kind: ChainBreak | null;
  /** The furthest signed checkpoint the log was held against. */
  lastCheckpoint: Checkpoint | null;
}

/**
 * Walks the chain from the start, recomputing every MAC, and holds it against every signed checkpoint:
 * each must name the entry at its place, and the log must reach the furthest. Entries appended after the
 * last checkpoint can be cut without a trace until the next one is written (every minute, and on shutdown).
 */
export async function verifyChain(log: Collection<AccessEntry>, key: string, checkpoints: StoredCheckpoints): Promise<ChainCheck> {
  const lastCheckpoint = checkpoints.signed[checkpoints.signed.length - 1] ?? null;
  const broken = (entries: number, at: number, kind: ChainBreak): ChainCheck => ({
    intact: false,
    entries,
    firstBrokenAt: at,
    kind,
    lastCheckpoint,
  });
  const signedAt = new Map<number, string[]>();
  for (const checkpoint of checkpoints.signed)
    signedAt.set(checkpoint.position, [...(signedAt.get(checkpoint.position) ?? []), checkpoint.headHash]);

  let previous = GENESIS;
  let expected = 1;
  for await (const entry of log.find().sort({ _id: 1 })) {
    const { hash, ...unsigned } = entry;
    if (typeof entry._id === 'number' && entry._id > expected) return broken(expected - 1, expected, 'MISSING');
    if (entry._id !== expected || !(entry.at instanceof Date) || entryHash(key, unsigned) !== hash)
      return broken(expected - 1, expected, 'ALTERED');
    if (entry.previousHash !== previous) return broken(expected - 1, expected, 'RELINKED');
    if ((signedAt.get(expected) ?? []).some((headHash) => headHash !== hash)) return broken(expected - 1, expected, 'CHECKPOINT_MISMATCH');
    previous = hash;
    expected += 1;
  }
  const entries = expected - 1;
  if (lastCheckpoint && lastCheckpoint.position > entries) return broken(entries, entries + 1, 'TRUNCATED');
  if (checkpoints.forged > 0) return { intact: false, entries, firstBrokenAt: null, kind: 'FORGED_CHECKPOINT', lastCheckpoint };
  return { intact: true, entries, firstBrokenAt: null, kind: null, lastCheckpoint };
}
