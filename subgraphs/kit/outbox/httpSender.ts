import type { SentStatus } from './model';
import type { SmsMessage, SmsSender } from './sender';

export interface HttpSmsSenderOptions {
  url: string;
  /** Sent as a bearer token when set. */
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class SmsTransportError extends Error {}

/**
 * Posts each SMS as JSON to a gateway, with the message id in the `Idempotency-Key` header: the gateway
 * must answer a repeated key with its first answer and send nothing again. That header is what turns the
 * outbox's at-least-once hand-over into exactly-once delivery. Built only when a URL is configured.
 */
export class HttpSmsSender implements SmsSender {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpSmsSenderOptions) {
    if (!/^https?:\/\//.test(options.url)) throw new RangeError(`SMS gateway URL must be http(s), got "${options.url}"`);
    this.fetch = options.fetch ?? fetch;
  }

  async send(batch: readonly SmsMessage[]): Promise<ReadonlyMap<string, SentStatus>> {
    const results = new Map<string, SentStatus>();
    // One at a time: the dispatcher's rate limit is the gateway's, and order within a batch is kept.
    for (const message of batch) results.set(message.id, await this.post(message));
    return results;
  }

  private async post(message: SmsMessage): Promise<SentStatus> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': message.id };
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    try {
      response = await this.fetch(this.options.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ id: message.id, to: message.to, text: message.text }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new SmsTransportError(`SMS gateway unreachable: ${error instanceof Error ? error.message : String(error)}`);
    }
    await response.body?.cancel();
    // 409: the gateway already has this key, i.e. it was sent before.
    if (response.ok || response.status === 409) return 'SENT';
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) return 'REJECTED';
    throw new SmsTransportError(`SMS gateway answered ${response.status}`);
  }

  async close(): Promise<void> {}
}
