import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { readJsonLines } from '../kit/outbox';

/** One transfer to one participant's card; a resend is a new order (attempt + 1), a re-run the same one. */
export interface PaymentOrder {
  orderId: string;
  paymentId: string;
  attempt: number;
  amount: number;
  bankCard: string;
  name: string;
}

export type ChannelOutcome = { status: 'SUCCESS' } | { status: 'FAILED'; reason: string } | { status: 'ACCEPTED' };

/**
 * How the court's account pays participants: a bank's batch-payment (代发) interface in production, a file
 * by default. A channel must be idempotent by order id: an order it has seen is answered with its first
 * outcome and never paid again. That is what makes re-running a batch safe.
 */
export interface PaymentChannel {
  submit(orders: readonly PaymentOrder[]): Promise<ReadonlyMap<string, ChannelOutcome>>;
  close(): Promise<void>;
}

interface PaymentLine extends PaymentOrder {
  outcome: ChannelOutcome;
  at: string;
}

export interface FilePaymentChannelOptions {
  /** The bank's answer to a new order; SUCCESS unless a test says otherwise. */
  decide?: (order: PaymentOrder) => ChannelOutcome;
  now?: () => Date;
}

/**
 * Writes each order as a JSON line (the payment instruction file a bank would take) and answers SUCCESS.
 * The orders already in the file are read on open, so even after a crash no order is written twice.
 * One process per file.
 */
export class FilePaymentChannel implements PaymentChannel {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly handle: fs.FileHandle,
    private readonly outcomes: Map<string, ChannelOutcome>,
    private readonly options: FilePaymentChannelOptions,
  ) {}

  static async open(path: string, options: FilePaymentChannelOptions = {}): Promise<FilePaymentChannel> {
    await fs.mkdir(dirname(path), { recursive: true });
    const outcomes = new Map<string, ChannelOutcome>();
    await readJsonLines<PaymentLine>(path, (line) => outcomes.set(line.orderId, line.outcome));
    return new FilePaymentChannel(path, await fs.open(path, 'a'), outcomes, options);
  }

  submit(orders: readonly PaymentOrder[]): Promise<ReadonlyMap<string, ChannelOutcome>> {
    // Serialised, so two overlapping runs of one batch cannot both find an order new.
    const run = this.queue.then(() => this.write(orders));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(orders: readonly PaymentOrder[]): Promise<ReadonlyMap<string, ChannelOutcome>> {
    const at = (this.options.now ?? (() => new Date()))().toISOString();
    const fresh = new Map<string, PaymentLine>();
    for (const order of orders) {
      if (this.outcomes.has(order.orderId) || fresh.has(order.orderId)) continue;
      fresh.set(order.orderId, { ...order, outcome: this.options.decide?.(order) ?? { status: 'SUCCESS' }, at });
    }
    if (fresh.size > 0) {
      // One write per call: a kill leaves whole lines, or one torn last line that the next open cuts off.
      await this.handle.write([...fresh.values()].map((line) => `${JSON.stringify(line)}\n`).join(''));
      await this.handle.sync();
      for (const line of fresh.values()) this.outcomes.set(line.orderId, line.outcome);
    }
    const answers = new Map<string, ChannelOutcome>();
    for (const order of orders) answers.set(order.orderId, this.outcomes.get(order.orderId) as ChannelOutcome);
    return answers;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
  }
}
