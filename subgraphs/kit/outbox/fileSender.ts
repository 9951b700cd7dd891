import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { readJsonLines } from './jsonLines';
import type { SentStatus } from './model';
import type { SmsMessage, SmsSender } from './sender';

/** One line of the file: what a real gateway would have been asked to send. */
export interface SmsFileLine {
  id: string;
  to: string;
  text: string;
  at: string;
}

export interface FileSmsSenderOptions {
  /** fsync after each batch (default on): a line the dispatcher was told is written survives a power cut. */
  fsync?: boolean;
  now?: () => Date;
}

/**
 * The default sender: appends one JSON line per SMS to a file (a stand-in for the gateway, and the record
 * a court keeps of what it sent). Idempotent by message id: on open it reads the ids already in the file,
 * and it never writes an id twice, so a dispatcher that resends after a crash cannot duplicate a message.
 * One process per file: the set of ids lives in this process.
 */
export class FileSmsSender implements SmsSender {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly handle: fs.FileHandle,
    private readonly written: Set<string>,
    private readonly options: FileSmsSenderOptions,
  ) {}

  static async open(path: string, options: FileSmsSenderOptions = {}): Promise<FileSmsSender> {
    await fs.mkdir(dirname(path), { recursive: true });
    const written = new Set<string>();
    await readJsonLines<SmsFileLine>(path, (line) => written.add(line.id));
    const handle = await fs.open(path, 'a');
    return new FileSmsSender(path, handle, written, options);
  }

  /** Ids already in the file (a test and an operator can ask). */
  has(id: string): boolean {
    return this.written.has(id);
  }

  send(batch: readonly SmsMessage[]): Promise<ReadonlyMap<string, SentStatus>> {
    // Serialised, so two overlapping calls cannot both decide an id is new.
    const run = this.queue.then(() => this.append(batch));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async append(batch: readonly SmsMessage[]): Promise<ReadonlyMap<string, SentStatus>> {
    const at = (this.options.now ?? (() => new Date()))().toISOString();
    const fresh = new Map<string, SmsMessage>();
    for (const m of batch) if (!this.written.has(m.id) && !fresh.has(m.id)) fresh.set(m.id, m);
    if (fresh.size > 0) {
      const lines = [...fresh.values()]
        .map((m) => `${JSON.stringify({ id: m.id, to: m.to, text: m.text, at } satisfies SmsFileLine)}\n`)
        .join('');
      // One write call per batch: a kill leaves whole lines, or at worst one torn last line (cut on the next open).
      await this.handle.write(lines);
      if (this.options.fsync !== false) await this.handle.sync();
      for (const id of fresh.keys()) this.written.add(id);
    }
    return new Map(batch.map((m) => [m.id, 'SENT' as const]));
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle.close();
  }
}
