import { createHash } from 'node:crypto';
import { MongoBulkWriteError, type Collection, type Db, type OptionalUnlessRequiredId } from 'mongodb';
import { isDuplicateKey, isDuplicateKeyWrite } from '../mongo';
import { outboxCollections, type MessageDocument, type OutboxMessage, type ProgressDocument, type TicketDocument } from './model';

export interface EnqueueResult {
  /** Messages this call added to the outbox. */
  enqueued: number;
  /** Messages already enqueued by an earlier call (or by an earlier attempt of this one). */
  duplicates: number;
}

export interface OutboxOptions {
  prefix?: string;
  /** Messages per ticket; a ticket is one insert and one unit of dispatch. */
  ticketSize?: number;
  now?: () => Date;
}

/** Indices of the documents an unordered insertMany refused as duplicates; rethrows anything else. */
export async function insertIgnoringDuplicates<T extends { _id: string }>(collection: Collection<T>, docs: T[]): Promise<Set<number>> {
  const duplicates = new Set<number>();
  if (docs.length === 0) return duplicates;
  try {
    // Every document carries its _id, so none is optional here.
    await collection.insertMany(docs as unknown as OptionalUnlessRequiredId<T>[], { ordered: false });
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (errors.length === 0 || !errors.every((e) => isDuplicateKeyWrite(e))) throw error;
    for (const e of errors) duplicates.add(e.index);
  }
  return duplicates;
}

export function ticketIdOf(messages: readonly OutboxMessage[]): string {
  return `t${createHash('sha256')
    .update(messages.map((m) => m.id).join('\n'))
    .digest('hex')
    .slice(0, 32)}`;
}

/**
 * Enqueues notifications in the sender's own database, right after the business write they report.
 *
 * Each chunk of messages becomes a ticket (the unit the dispatcher works through), written first; then each
 * message's dedupe record, whose `_id` is its idempotency key: a message another call already enqueued is a
 * duplicate and this ticket skips it. Every write is an insert, so a retry of the business operation repeats
 * them harmlessly, and nothing here needs an update to be atomic (FerretDB's are not across connections).
 */
export class Outbox {
  private readonly collections;
  private readonly ticketSize: number;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    options: OutboxOptions = {},
  ) {
    this.collections = outboxCollections(options.prefix);
    this.ticketSize = options.ticketSize ?? 1000;
    this.now = options.now ?? (() => new Date());
  }

  async enqueue(messages: readonly OutboxMessage[]): Promise<EnqueueResult> {
    const unique = new Map<string, OutboxMessage>();
    for (const m of messages) {
      if (!m.id || !m.to) throw new RangeError('an outbox message needs an id and a recipient');
      if (!unique.has(m.id)) unique.set(m.id, { id: m.id, kind: m.kind, to: m.to, text: m.text });
    }
    const all = [...unique.values()];
    const result: EnqueueResult = { enqueued: 0, duplicates: messages.length - all.length };
    for (let start = 0; start < all.length; start += this.ticketSize) {
      const chunk = await this.enqueueTicket(all.slice(start, start + this.ticketSize));
      result.enqueued += chunk.enqueued;
      result.duplicates += chunk.duplicates;
    }
    return result;
  }

  private async enqueueTicket(messages: OutboxMessage[]): Promise<EnqueueResult> {
    const enqueuedAt = this.now();
    const ticketId = ticketIdOf(messages);
    try {
      await this.db.collection<TicketDocument>(this.collections.tickets).insertOne({ _id: ticketId, messages, enqueuedAt });
    } catch (error) {
      // The same chunk again: the first attempt, or the dispatcher's recovery of it, completes the ticket.
      if (isDuplicateKey(error)) return { enqueued: 0, duplicates: messages.length };
      throw error;
    }
    const docs: MessageDocument[] = messages.map((m) => ({ _id: m.id, ticketId, kind: m.kind, to: m.to, text: m.text, enqueuedAt }));
    const taken = await insertIgnoringDuplicates(this.db.collection<MessageDocument>(this.collections.messages), docs);
    const skip = [...taken].map((i) => messages[i].id);
    try {
      await this.db
        .collection<ProgressDocument>(this.collections.progress)
        .insertOne({ _id: ticketId, skip, sent: 0, updatedAt: enqueuedAt });
    } catch (error) {
      // The dispatcher recovered this ticket first (we were slower than its grace period); its record stands.
      if (!isDuplicateKey(error)) throw error;
    }
    return { enqueued: messages.length - skip.length, duplicates: skip.length };
  }
}
