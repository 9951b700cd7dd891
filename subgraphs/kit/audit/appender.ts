import type { Collection, Db } from 'mongodb';
import { isDuplicateKey } from '../mongo';
import { ACCESS_LOG, entryHash, GENESIS, subjectHash, type AccessEntry, type AccessEntryInput } from './accessLog';

interface Pending {
  input: AccessEntryInput;
  at: Date;
  settle: { resolve(entry: AccessEntry): void; reject(error: unknown): void };
}

export type Head = Pick<AccessEntry, '_id' | 'hash'> | null;

/** Inserts per command: FerretDB v1 holds a pooled connection per statement until the command ends. */
const BATCH = 50;

/**
 * Appends to one access log chain with group commit: whatever the process's requests want to log while
 * one insert is under way goes into the next, so fifty concurrent lookups cost one write, not fifty
 * read-the-end-then-insert rounds.
 *
 * The end of the chain is kept in memory; the database still decides every place by the unique _id, so
 * another process appending to the same log (a second instance of the subgraph) costs a failed insert
 * and a few _id probes — the only reads FerretDB answers from an index — never a broken chain.
 */
export class ChainAppender {
  private head: Head | undefined; // undefined: not known, read before the next insert
  private queue: Pending[] = [];
  private flushing = false;

  constructor(
    private readonly log: Collection<AccessEntry>,
    private readonly key: string,
  ) {}

  /**
   * The end of the chain as this process knows it (read once if not yet known), for its checkpoints:
   * entries another instance appended since are in that instance's checkpoints.
   */
  async end(): Promise<Head> {
    if (this.head === undefined) {
      const end = await this.readEnd();
      this.head ??= end; // unless an insert under way has moved it meanwhile
    }
    return this.head;
  }

  append(input: AccessEntryInput, at: Date): Promise<AccessEntry> {
    return new Promise<AccessEntry>((resolve, reject) => {
      this.queue.push({ input, at, settle: { resolve, reject } });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, BATCH);
        try {
          const entries = await this.insertChained(batch);
          batch.forEach((pending, n) => pending.settle.resolve(entries[n] as AccessEntry));
        } catch (error) {
          // What reached the log before the failure is unknown: read the end again before the next insert.
          this.head = undefined;
          for (const pending of batch) pending.settle.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Chains the batch after the known end and inserts it in order; on a lost place, finds the new end and goes on. */
  private async insertChained(batch: readonly Pending[]): Promise<AccessEntry[]> {
    const written: AccessEntry[] = [];
    let head = this.head === undefined ? await this.readEnd() : this.head;
    while (written.length < batch.length) {
      const entries = this.chain(head, batch.slice(written.length));
      try {
        await this.log.insertMany(entries, { ordered: true });
        written.push(...entries);
        head = entries[entries.length - 1] ?? head;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // Ordered: a prefix went in; which one is read back rather than trusted to the error's shape.
        const ours = await this.storedPrefix(entries);
        written.push(...ours);
        head = await this.probeForward(ours[ours.length - 1] ?? head);
      }
      this.head = head;
    }
    return written;
  }

  /** The leading entries the log holds exactly as written (same place, same hash). */
  private async storedPrefix(entries: readonly AccessEntry[]): Promise<AccessEntry[]> {
    const stored: AccessEntry[] = [];
    for (const entry of entries) {
      const found = await this.log.findOne({ _id: entry._id }, { projection: { hash: 1 } });
      if (found?.hash !== entry.hash) break;
      stored.push(entry);
    }
    return stored;
  }

  private chain(head: Head, pending: readonly Pending[]): AccessEntry[] {
    let previous = head;
    return pending.map(({ input, at }) => {
      const { subjectId, ...rest } = input;
      const unsigned = {
        ...rest,
        _id: (previous?._id ?? 0) + 1,
        subjectHash: subjectHash(this.key, subjectId),
        at,
        previousHash: previous?.hash ?? GENESIS,
      };
      const entry: AccessEntry = { ...unsigned, hash: entryHash(this.key, unsigned) };
      previous = entry;
      return entry;
    });
  }

  /** Once per process (and after a failed write): FerretDB answers this by scanning the log. */
  private async readEnd(): Promise<Head> {
    const [last] = await this.log
      .find({}, { projection: { _id: 1, hash: 1 } })
      .sort({ _id: -1 })
      .limit(1)
      .toArray();
    return last ? { _id: last._id, hash: last.hash } : null;
  }

  /** Walks from a known entry to the end by _id equality, past whatever other writers appended. */
  private async probeForward(from: Head): Promise<Head> {
    let head = from;
    for (;;) {
      const next = await this.log.findOne({ _id: (head?._id ?? 0) + 1 }, { projection: { _id: 1, hash: 1 } });
      if (!next) return head;
      head = { _id: next._id, hash: next.hash };
    }
  }
}

const appenders = new WeakMap<Db, ChainAppender>();

/** The one appender of a database's access log in this process. */
export function appenderFor(db: Db, key: string): ChainAppender {
  let appender = appenders.get(db);
  if (!appender) {
    appender = new ChainAppender(db.collection<AccessEntry>(ACCESS_LOG), key);
    appenders.set(db, appender);
  }
  return appender;
}
