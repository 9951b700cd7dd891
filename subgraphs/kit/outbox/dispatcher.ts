import { hostname } from 'node:os';
import type { Db } from 'mongodb';
import { insertIgnoringDuplicates } from './enqueue';
import { DispatchLease } from './lease';
import {
  outboxCollections,
  type LeaseDocument,
  type MessageDocument,
  type ProgressDocument,
  type SentDocument,
  type TicketDocument,
} from './model';
import { RateLimiter, systemTimekeeper, type Timekeeper } from './rateLimiter';
import type { SmsMessage, SmsSender } from './sender';

export interface DispatcherOptions {
  prefix?: string;
  /** The gateway's limit (default 20 per second). */
  messagesPerSecond?: number;
  /** Messages per send and per mark; at most 50, FerretDB's safe size for one write command. */
  chunkSize?: number;
  ticketsPerPage?: number;
  /** Names the dispatcher in its lease; give a stable name so a restarted process reclaims its lease at once. */
  owner?: string;
  leaseTtlMs?: number;
  /** A ticket without a progress record this long after enqueueing lost its enqueuer to a crash: recover it. */
  recoverAfterMs?: number;
  pollMs?: number;
  clock?: Timekeeper;
  onError?: (error: unknown) => void;
  /** Runs after the sender accepted a chunk and before it is marked sent: the window a crash test aims at. */
  afterSend?: (batch: readonly SmsMessage[]) => void | Promise<void>;
}

export interface DrainResult {
  sent: number;
  rejected: number;
  tickets: number;
  /** Tickets whose enqueuer may still be writing them; taken up on a later pass. */
  waiting: number;
}

export class LeaseHeldError extends Error {}

/**
 * Works through the outbox's tickets in (roughly) enqueue order: sends each ticket's messages in chunks under
 * the rate limit, records each chunk as sent (insert-only markers) and the ticket's progress (a small
 * document), and deletes the ticket when done. A crash between a send and its record means that chunk is
 * sent again on restart; the sender recognises the ids and delivers nothing twice. Run one per outbox: the
 * lease refuses a second.
 */
export class OutboxDispatcher {
  private readonly c: ReturnType<typeof outboxCollections>;
  private readonly lease: DispatchLease;
  private readonly limiter: RateLimiter;
  private readonly clock: Timekeeper;
  private readonly chunkSize: number;
  private running?: Promise<void>;
  private stopping = false;
  private wake?: () => void;

  constructor(
    private readonly db: Db,
    private readonly sender: SmsSender,
    private readonly options: DispatcherOptions = {},
  ) {
    this.c = outboxCollections(options.prefix);
    this.clock = options.clock ?? systemTimekeeper;
    const perSecond = options.messagesPerSecond ?? 20;
    this.chunkSize = Math.max(1, Math.min(options.chunkSize ?? 50, 50, Math.floor(perSecond) || 1));
    this.limiter = new RateLimiter(Math.max(perSecond, this.chunkSize), this.clock);
    const owner = options.owner ?? `${hostname()}:${process.pid}`;
    this.lease = new DispatchLease(db.collection<LeaseDocument>(this.c.leases), owner, options.leaseTtlMs ?? 30_000, this.clock);
  }

  private get tickets() {
    return this.db.collection<TicketDocument>(this.c.tickets);
  }
  private get progress() {
    return this.db.collection<ProgressDocument>(this.c.progress);
  }

  /** Sends everything that can be sent now and returns; throws LeaseHeldError while another dispatcher runs. */
  async drain(): Promise<DrainResult> {
    if (!(await this.lease.acquire())) throw new LeaseHeldError(`another dispatcher holds the lease of outbox ${this.c.messages}`);
    const result: DrainResult = { sent: 0, rejected: 0, tickets: 0, waiting: 0 };
    const waiting = new Set<string>();
    for (;;) {
      // No filter and no sort: the only query FerretDB answers without reading the whole collection.
      const page = await this.tickets
        .find({})
        .limit(this.options.ticketsPerPage ?? 20)
        .toArray();
      let progressed = false;
      for (const ticket of page) {
        if (this.stopping) return { ...result, waiting: waiting.size };
        if (await this.dispatchTicket(ticket, result)) {
          progressed = true;
          result.tickets += 1;
          waiting.delete(ticket._id);
        } else waiting.add(ticket._id);
      }
      if (!progressed) return { ...result, waiting: waiting.size };
    }
  }

  private async dispatchTicket(ticket: TicketDocument, result: DrainResult): Promise<boolean> {
    let progress = await this.progress.findOne({ _id: ticket._id });
    if (!progress) {
      if (this.clock.now() - ticket.enqueuedAt.getTime() < (this.options.recoverAfterMs ?? 60_000)) return false;
      progress = await this.recover(ticket);
    }
    const skip = new Set(progress.skip);
    const pending = ticket.messages.filter((m) => !skip.has(m.id));
    for (let i = progress.sent; i < pending.length; i += this.chunkSize) {
      await this.lease.assertHeld();
      const batch = pending.slice(i, i + this.chunkSize).map(({ id, to, text }) => ({ id, to, text }));
      await this.limiter.take(batch.length);
      const outcomes = await this.sender.send(batch);
      await this.options.afterSend?.(batch);
      const sentAt = new Date(this.clock.now());
      const markers: SentDocument[] = batch.map((m) => {
        const status = outcomes.get(m.id);
        if (!status) throw new Error(`SMS sender gave no outcome for ${m.id}`);
        if (status === 'SENT') result.sent += 1;
        else result.rejected += 1;
        return { _id: m.id, ticketId: ticket._id, status, sentAt };
      });
      await insertIgnoringDuplicates(this.db.collection<SentDocument>(this.c.sent), markers);
      await this.progress.updateOne({ _id: ticket._id }, { $set: { sent: i + batch.length, updatedAt: sentAt } });
    }
    // Progress first: a crash between the two leaves a ticket that recovery finds fully sent.
    await this.progress.deleteOne({ _id: ticket._id });
    await this.tickets.deleteOne({ _id: ticket._id });
    return true;
  }

  /** Finishes what a crashed enqueuer started: claims the messages nobody owns, skips the ones already sent. */
  private async recover(ticket: TicketDocument): Promise<ProgressDocument> {
    const messages = this.db.collection<MessageDocument>(this.c.messages);
    await insertIgnoringDuplicates(
      messages,
      ticket.messages.map((m) => ({
        _id: m.id,
        ticketId: ticket._id,
        kind: m.kind,
        to: m.to,
        text: m.text,
        enqueuedAt: ticket.enqueuedAt,
      })),
    );
    // Two scans, on the rare path only: FerretDB filters on anything but _id by reading the whole collection.
    const ids = async (name: string) =>
      new Set(
        (
          await this.db
            .collection<{ _id: string; ticketId: string }>(name)
            .find({ ticketId: ticket._id }, { projection: { _id: 1 } })
            .toArray()
        ).map((d) => d._id),
      );
    const owned = await ids(this.c.messages);
    const sent = await ids(this.c.sent);
    const record: ProgressDocument = {
      _id: ticket._id,
      skip: ticket.messages.filter((m) => !owned.has(m.id) || sent.has(m.id)).map((m) => m.id),
      sent: 0,
      updatedAt: new Date(this.clock.now()),
    };
    await insertIgnoringDuplicates(this.progress, [record]);
    return (await this.progress.findOne({ _id: ticket._id })) ?? record;
  }

  /** Drains every `pollMs` until stopped; errors go to onError and the loop carries on. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = (async () => {
      while (!this.stopping) {
        try {
          await this.drain();
        } catch (error) {
          if (!(error instanceof LeaseHeldError)) (this.options.onError ?? ((e) => console.error('outbox dispatcher:', e)))(error);
        }
        if (this.stopping) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.options.pollMs ?? 1000);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = undefined;
    await this.lease.release();
  }
}
