/**
 * Time as the dispatcher paces itself by: a reading in milliseconds and a way to wait. Not the request
 * clock (platform/clock.ts), which only reads; tests pass a fake one so a rate limit costs no real seconds.
 */
export interface Timekeeper {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemTimekeeper: Timekeeper = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A token bucket: at most `perSecond` messages in any second on average, bursts up to one second's worth.
 * SMS gateways throttle per account, and a court that floods them gets its messages dropped.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    readonly perSecond: number,
    private readonly clock: Timekeeper = systemTimekeeper,
  ) {
    if (!(perSecond > 0)) throw new RangeError('perSecond must be positive');
    this.tokens = perSecond;
    this.last = clock.now();
  }

  async take(count: number): Promise<void> {
    if (count > this.perSecond) throw new RangeError(`cannot take ${count} at once from a bucket of ${this.perSecond}`);
    this.refill();
    if (this.tokens < count) {
      await this.clock.sleep(Math.ceil(((count - this.tokens) / this.perSecond) * 1000));
      this.refill();
    }
    this.tokens -= count;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
