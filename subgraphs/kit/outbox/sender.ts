import type { SentStatus } from './model';

export interface SmsMessage {
  /** The idempotency key: a sender must deliver one id at most once, however often it is handed it. */
  id: string;
  to: string;
  text: string;
}

/**
 * Where SMS go: a file by default, an HTTP gateway when configured. `send` answers per message:
 * SENT (accepted, or already accepted earlier under the same id) or REJECTED (refused for good, e.g. a
 * malformed number). It throws when the transport failed; the dispatcher then retries the same messages later.
 */
export interface SmsSender {
  send(batch: readonly SmsMessage[]): Promise<ReadonlyMap<string, SentStatus>>;
  close(): Promise<void>;
}
