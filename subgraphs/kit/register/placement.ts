import type { Collection } from 'mongodb';
import { domainError, ErrorCode } from '../../../platform/errors';
import { findByKeys } from '../loaders';
import { isDuplicateKey } from '../mongo';
import type { RegisterDescriptor } from './findings';
import type { AssetDocument, ControlDocument } from './model';
import { IN_QUEUE } from './queue';
import { controlIdOf, newControl, refuseBadRequest, type Receipt } from './receive';

/** What a request placed, or found placed before: its measure and the asset's queue right after, in order. */
export interface Placed {
  control: ControlDocument;
  queue: ControlDocument[];
}

interface Pending {
  receipt: Receipt;
  settle: { resolve(placed: Placed): void; reject(error: unknown): void };
}

/** Rounds of a batch lost to another instance of the register before it gives up (each costs one read). */
const MAX_ROUNDS = 20;

/**
 * Places the requests for one asset's queue (轮候) in the order the register received them, with group
 * commit: whatever arrives while one batch is being written goes into the next, so thirty concurrent
 * seals cost two or three rounds of one read of the asset, one read of its measures and one insert,
 * not thirty rounds that collide on the unique {assetId, seq} index and retry against each other.
 *
 * Receipt order is arrival order: the receipt is stamped before the request waits here, and a batch
 * takes its requests in arrival order, after every request of the batch before. The unique indexes still
 * decide between instances of the register: a batch that loses a place to another instance reads again.
 */
export class AssetQueue {
  private pending: Pending[] = [];
  private placing = false;

  constructor(
    private readonly descriptor: RegisterDescriptor,
    private readonly assets: Collection<AssetDocument>,
    private readonly controls: Collection<ControlDocument>,
    private readonly assetId: string,
    private readonly idle: () => void = () => undefined,
  ) {}

  place(receipt: Receipt): Promise<Placed> {
    return new Promise<Placed>((resolve, reject) => {
      this.pending.push({ receipt, settle: { resolve, reject } });
      if (!this.placing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.placing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, this.pending.length);
        try {
          await this.placeBatch(batch);
        } catch (error) {
          for (const pending of batch) pending.settle.reject(error);
        }
      }
    } finally {
      this.placing = false;
      this.idle();
    }
  }

  private async placeBatch(batch: Pending[]): Promise<void> {
    let open = batch;
    for (let round = 0; round < MAX_ROUNDS && open.length > 0; round++) open = await this.round(open);
    if (open.length > 0) {
      const error = domainError(
        ErrorCode.INTERNAL_SERVER_ERROR,
        `could not place the requests on ${this.assetId} after ${MAX_ROUNDS} rounds`,
      );
      for (const pending of open) pending.settle.reject(error);
    }
  }

  /** One read of the asset, of its measures and of the batch's keys, every request decided, the new ones inserted in order; gives those left to place. */
  private async round(batch: Pending[]): Promise<Pending[]> {
    const keys = batch.map((pending) => pending.receipt.request.idempotencyKey);
    // Equality reads only: FerretDB answers `$or` and `$in` by reading the whole collection (kit/loaders.ts).
    const [asset, onThisAsset, byKeys] = await Promise.all([
      this.assets.findOne({ _id: this.assetId }),
      this.controls.find({ assetId: this.assetId }).toArray(),
      findByKeys(this.controls, 'idempotencyKey', keys),
    ]);
    const known = [...onThisAsset, ...byKeys.filter((control) => control.assetId !== this.assetId)];
    const onAsset = known.filter((control) => control.assetId === this.assetId);
    const queue = onAsset.filter((control) => control.state === IN_QUEUE).sort((a, b) => a.seq - b.seq);
    const byKey = new Map(known.map((control) => [control.idempotencyKey, control]));
    const byId = new Map(known.map((control) => [control._id, control]));
    const byClaim = new Map(onAsset.map((control) => [control.claim, control]));
    let seq = onAsset.reduce((last, control) => Math.max(last, control.seq), -1);

    const fresh: ControlDocument[] = [];
    const outcomes: Array<{ pending: Pending; control: ControlDocument } | { pending: Pending; error: unknown }> = [];
    for (const pending of batch) {
      const { request } = pending.receipt;
      // A retry (the same key, even within this batch) is answered with its original, never re-stamped.
      const original = byKey.get(request.idempotencyKey) ?? byId.get(controlIdOf(this.descriptor.controlIdPrefix, request));
      if (original) {
        outcomes.push({ pending, control: original });
        continue;
      }
      try {
        const exceedsDebt = refuseBadRequest(this.descriptor, asset, request);
        if (byClaim.has(request.caseNumber))
          throw domainError(ErrorCode.ALREADY_CONTROLLED, `case ${request.caseNumber} already has a measure on ${request.assetId}`, {
            field: 'assetId',
          });
        seq += 1;
        const control = newControl(this.descriptor, asset as AssetDocument, pending.receipt, { seq, rank: queue.length, exceedsDebt });
        byKey.set(control.idempotencyKey, control);
        byId.set(control._id, control);
        byClaim.set(control.claim, control);
        queue.push(control);
        fresh.push(control);
        outcomes.push({ pending, control });
      } catch (error) {
        outcomes.push({ pending, error });
      }
    }

    let inserted = fresh.length;
    if (fresh.length > 0) {
      try {
        await this.controls.insertMany(fresh, { ordered: true });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Another instance took a place (or a claim, or a key) first: what went in stands, the rest reads again.
        inserted = await this.storedPrefix(fresh);
      }
    }
    const lost = new Set(fresh.slice(inserted).map((control) => control._id));
    const again: Pending[] = [];
    for (const outcome of outcomes) {
      if ('error' in outcome) outcome.pending.settle.reject(outcome.error);
      else if (lost.has(outcome.control._id)) again.push(outcome.pending);
      else outcome.pending.settle.resolve({ control: outcome.control, queue: queue.filter((control) => !lost.has(control._id)) });
    }
    return again;
  }

  /** How many of the batch's new measures the register holds as written (an ordered insert stops at the first refusal). */
  private async storedPrefix(fresh: readonly ControlDocument[]): Promise<number> {
    const found = await findByKeys(
      this.controls,
      '_id',
      fresh.map((control) => control._id),
    );
    const stored = new Map(found.map((control) => [control._id, control.seq]));
    let count = 0;
    while (count < fresh.length && stored.get((fresh[count] as ControlDocument)._id) === (fresh[count] as ControlDocument).seq) count += 1;
    return count;
  }
}

const queues = new Map<string, AssetQueue>();

/**
 * Records a request in the register: its place in the asset's queue follows its receipt, which the
 * caller stamped as the request arrived. Registers of different databases never wait on each other: the
 * collection's namespace is part of the key.
 */
export function receiveControl(
  descriptor: RegisterDescriptor,
  assets: Collection<AssetDocument>,
  controls: Collection<ControlDocument>,
  receipt: Receipt,
): Promise<Placed> {
  const key = `${controls.namespace}/${receipt.request.assetId}`;
  let queue = queues.get(key);
  if (!queue) {
    queue = new AssetQueue(descriptor, assets, controls, receipt.request.assetId, () => queues.delete(key));
    queues.set(key, queue);
  }
  return queue.place(receipt);
}
