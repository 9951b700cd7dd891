import type { Collection } from 'mongodb';
import { REGISTER_COLLECTIONS, type AssetDocument, type ControlDocument, type ControlState, type ControlStatus } from './model';
import { expiryOf } from '../../../domain/timeLimits';

/**
 * The queue of measures on one asset. Position in it is the rank: the first court to seize (首封)
 * holds the disposal power, later ones wait (轮候) in the order the agency received them.
 *
 * Order is `seq`, fixed once at receipt by a unique {assetId, seq} insert, so concurrent requests
 * can never share a rank. Ranks and ACTIVE/WAITING are derived from the queue, never trusted from
 * a stored counter, so releasing or lapsing the head promotes the next one with no gap.
 */
export const IN_QUEUE = 'IN_QUEUE' satisfies ControlState;

export function isExecuted(control: ControlDocument): boolean {
  return control.requestState === 'EXECUTED' || control.requestState === 'PARTIAL';
}

/** Rank and status of each queued measure, from its position. */
export function ranked(queue: readonly ControlDocument[]): { control: ControlDocument; rank: number; status: ControlStatus }[] {
  return [...queue].sort((a, b) => a.seq - b.seq).map((control, rank) => ({ control, rank, status: statusAt(control, rank) }));
}

function statusAt(control: ControlDocument, rank: number): ControlStatus {
  if (!isExecuted(control)) return 'PENDING';
  return rank === 0 ? 'ACTIVE' : 'WAITING';
}

/** A measure's rank and status as of now: from its place in the queue while queued, as it ended otherwise. */
export function standing(control: ControlDocument, queue: readonly ControlDocument[]): { rank: number; status: ControlStatus } {
  if (control.state !== IN_QUEUE) return { rank: control.rank, status: control.state };
  const rank = [...queue].sort((a, b) => a.seq - b.seq).findIndex((c) => c._id === control._id);
  return rank < 0 ? { rank: control.rank, status: control.status } : { rank, status: statusAt(control, rank) };
}

/**
 * Brings the stored rank and status of an asset's queue in line with its order, and starts the
 * period of a measure that has just become first: a waiting seal takes effect when it moves up.
 * Readers derive rank from the queue themselves, so a concurrent requeue can only be late, not wrong.
 */
export async function requeue(controls: Collection<ControlDocument>, assetId: string, now: Date): Promise<void> {
  const queue = await controls.find({ assetId, state: IN_QUEUE }).sort({ seq: 1 }).toArray();
  for (const { control, rank, status } of ranked(queue)) {
    const period = periodStarting(control, rank, now);
    if (control.rank === rank && control.status === status && !period) continue;
    const held = period ? await heldOnActivation(controls, control) : {};
    await controls.updateOne({ _id: control._id, state: IN_QUEUE }, { $set: { rank, status, ...period, ...held } });
  }
}

/** A measure first in its queue and executed, whose period has not started: it starts now. */
function periodStarting(control: ControlDocument, rank: number, now: Date): Pick<ControlDocument, 'activatedAt' | 'expiresAt'> | null {
  if (rank !== 0 || !isExecuted(control) || control.expiresAt) return null;
  return { activatedAt: now, expiresAt: expiryOf(control.category, now) };
}

/**
 * A waiting freeze holds nothing until it moves up: it then executes against what the account holds at
 * that moment (domain.md, 轮候冻结), so money already deducted under an earlier freeze is never counted twice.
 */
async function heldOnActivation(controls: Collection<ControlDocument>, control: ControlDocument): Promise<Partial<ControlDocument>> {
  // A measure executed without a figure (the seed's) holds what it asked for.
  const held = control.executedAmount ?? control.amount;
  if (control.amount === null || typeof held !== 'number') return {};
  const asset = await controls.db.collection<AssetDocument>(REGISTER_COLLECTIONS.assets).findOne({ _id: control.assetId });
  const available = Math.max(0, (asset?.estimatedValue ?? 0) - (asset?.securedClaims ?? 0));
  const executedAmount = Math.min(held, available);
  if (executedAmount === control.executedAmount) return {};
  return { executedAmount, requestState: executedAmount < control.amount ? 'PARTIAL' : control.requestState };
}

/** The stored rank and status of a measure joining the queue at `rank`; first and executed, its period starts now. */
export function placedAt(control: ControlDocument, rank: number, now: Date): Partial<ControlDocument> {
  return { rank, status: statusAt(control, rank), ...periodStarting(control, rank, now) };
}
