import type { Collection } from 'mongodb';
import { isDuplicateKey } from '../mongo';
import type { LeaseDocument } from './model';
import type { Timekeeper } from './rateLimiter';

export class LeaseLostError extends Error {}

/**
 * Makes one dispatcher per outbox the rule rather than a hope. Each holder gets an epoch, inserted as its own
 * document: two contenders for the same epoch cannot both insert it (the one atomic decision FerretDB makes
 * across connections), and a holder that sees a higher epoch has been replaced and stops. A holder silent for
 * `ttlMs` may be replaced; the same owner name takes its lease back at once after a restart.
 */
export class DispatchLease {
  private epoch = 0;
  private renewedAt = 0;

  constructor(
    private readonly leases: Collection<LeaseDocument>,
    readonly owner: string,
    private readonly ttlMs: number,
    private readonly clock: Timekeeper,
  ) {}

  async acquire(): Promise<boolean> {
    if (this.epoch > 0) {
      await this.assertHeld();
      return true;
    }
    const [latest] = await this.leases.find({}).sort({ epoch: -1 }).limit(1).toArray();
    const now = this.clock.now();
    if (latest && latest.owner !== this.owner && now - latest.heartbeatAt.getTime() < this.ttlMs) return false;
    const epoch = (latest?.epoch ?? 0) + 1;
    try {
      await this.leases.insertOne({ _id: `lease:${epoch}`, epoch, owner: this.owner, heartbeatAt: new Date(now) });
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
    this.epoch = epoch;
    this.renewedAt = now;
    return true;
  }

  /** Throws when a newer holder exists; renews the heartbeat every third of the time to live. */
  async assertHeld(): Promise<void> {
    if (this.epoch === 0) throw new LeaseLostError('no lease held');
    if (await this.leases.findOne({ _id: `lease:${this.epoch + 1}` })) {
      this.epoch = 0;
      throw new LeaseLostError(`dispatcher ${this.owner} was replaced`);
    }
    const now = this.clock.now();
    if (now - this.renewedAt > this.ttlMs / 3) {
      // Only the holder writes its own epoch's document, so this update races with nobody.
      await this.leases.updateOne({ _id: `lease:${this.epoch}` }, { $set: { heartbeatAt: new Date(now) } });
      this.renewedAt = now;
    }
  }

  /** Lets the next dispatcher start at once instead of waiting out the time to live. */
  async release(): Promise<void> {
    if (this.epoch === 0) return;
    await this.leases.updateOne({ _id: `lease:${this.epoch}` }, { $set: { heartbeatAt: new Date(0) } });
    this.epoch = 0;
  }
}
