import type { IndexDeclaration } from '../mongo';

/** One SMS to send. `id` is its idempotency key: the same id is never delivered twice. */
export interface OutboxMessage {
  /** Deterministic, e.g. outboxKey('victims', participantId, 'REGISTERED'). */
  id: string;
  /** What produced it (e.g. `victims.registered`), for the record and for counting. */
  kind: string;
  to: string;
  text: string;
}

/** The dedupe record of a message, kept for good (what was enqueued, for whom): the first ticket to insert it owns its delivery. */
export interface MessageDocument {
  _id: string;
  ticketId: string;
  kind: string;
  to: string;
  text: string;
  enqueuedAt: Date;
}

/** A unit of dispatch: the messages of one enqueue call (or a chunk of it), deleted once delivered. */
export interface TicketDocument {
  _id: string;
  messages: OutboxMessage[];
  enqueuedAt: Date;
}

/** Dispatch state of one ticket, in a collection that stays as small as the backlog. */
export interface ProgressDocument {
  _id: string;
  /** Messages of the ticket that another ticket owns or that were already sent: not this ticket's to send. */
  skip: string[];
  /** How many of the remaining messages, in ticket order, the sender has acknowledged. */
  sent: number;
  updatedAt: Date;
}

export type SentStatus = 'SENT' | 'REJECTED';

export interface SentDocument {
  _id: string;
  ticketId: string;
  status: SentStatus;
  sentAt: Date;
}

export interface LeaseDocument {
  _id: string;
  epoch: number;
  owner: string;
  heartbeatAt: Date;
}

export function outboxCollections(prefix = 'outbox') {
  return {
    messages: prefix,
    tickets: `${prefix}_tickets`,
    progress: `${prefix}_progress`,
    sent: `${prefix}_sent`,
    leases: `${prefix}_leases`,
  } as const;
}

/** Only the recovery path and the lease query filter on anything but `_id`. */
export function outboxIndexes(prefix = 'outbox'): IndexDeclaration[] {
  const c = outboxCollections(prefix);
  return [
    { collection: c.messages, key: { ticketId: 1 } },
    { collection: c.sent, key: { ticketId: 1 } },
    { collection: c.leases, key: { epoch: -1 } },
  ];
}

/** The conventional idempotency key: what kind of notice, about whom, at which stage. */
export function outboxKey(kind: string, subjectId: string, stage: string): string {
  return `${kind}:${subjectId}:${stage}`;
}
