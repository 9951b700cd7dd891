import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from 'mongodb';
import { isDuplicateKey } from '../mongo';
import { derivedKey } from './accessLog';

/**
 * A signed checkpoint of an access log (cf. Certificate Transparency's signed tree head): the log named
 * `log` held `position` entries, the last with MAC `headHash`, at time `at`. Whoever later finds the log
 * shorter, or a different entry at that place, knows it was cut or rebuilt, however well the chain
 * after the cut verifies.
 */
export interface Checkpoint {
  log: string;
  position: number;
  headHash: string;
  at: Date;
  signature: string;
}

/** Checkpoints in the subgraph's own database, beside the log; one per position. */
export const ACCESS_LOG_CHECKPOINTS = 'accessLogCheckpoints';

type Unsigned = Omit<Checkpoint, 'signature'>;

function signature(key: string, checkpoint: Unsigned): string {
  const fields = [checkpoint.log, checkpoint.position, checkpoint.headHash, checkpoint.at.toISOString()];
  return createHmac('sha256', derivedKey(key, 'checkpoint')).update(JSON.stringify(fields)).digest('hex');
}

export function signCheckpoint(key: string, checkpoint: Unsigned): Checkpoint {
  return { ...checkpoint, signature: signature(key, checkpoint) };
}

/** Whether a stored value is a checkpoint of this log that the key signed. */
function isSigned(key: string, log: string, value: unknown): value is Checkpoint {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  if (
    c.log !== log ||
    !Number.isSafeInteger(c.position) ||
    typeof c.headHash !== 'string' ||
    !(c.at instanceof Date) ||
    Number.isNaN(c.at.getTime()) ||
    typeof c.signature !== 'string'
  )
    return false;
  const expected = Buffer.from(signature(key, c as unknown as Unsigned), 'hex');
  const given = Buffer.from(c.signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export interface StoredCheckpoints {
  /** Validly signed checkpoints of this log from both places, by position (a position in both, once). */
  signed: Checkpoint[];
  /** Records in either place that claim to be checkpoints of this log but are not signed by its key. */
  forged: number;
}

/**
 * Where one log's checkpoints are kept: a collection of its own database and an append-only file
 * outside it (ACCESS_LOG_CHECKPOINT_DIR), so that whoever can rewrite the database still finds the
 * file telling how far the log reached. Verification reads both and trusts only what the key signed.
 */
export class CheckpointStore {
  readonly file: string;

  constructor(
    private readonly db: Db,
    private readonly key: string,
    private readonly dir: string,
  ) {
    this.file = checkpointFile(dir, db.databaseName);
  }

  get log(): string {
    return this.db.databaseName;
  }

  /** Signs and keeps a checkpoint of the log's head, in the file first (the place the database cannot reach), then the collection. */
  async write(head: { position: number; headHash: string }, at: Date): Promise<Checkpoint> {
    const checkpoint = signCheckpoint(this.key, { log: this.log, ...head, at });
    await mkdir(this.dir, { recursive: true });
    const file = await open(this.file, 'a');
    try {
      // One small write on an O_APPEND file: lines of concurrent writers do not interleave.
      await file.write(`${JSON.stringify(checkpoint)}\n`);
      await file.datasync();
    } finally {
      await file.close();
    }
    try {
      await this.db.collection<Checkpoint & { _id: number }>(ACCESS_LOG_CHECKPOINTS).insertOne({ _id: head.position, ...checkpoint });
    } catch (error) {
      // Another instance checkpointed the same head first: the same statement about the one chain.
      if (!isDuplicateKey(error)) throw error;
    }
    return checkpoint;
  }

  async read(): Promise<StoredCheckpoints> {
    const records: unknown[] = await this.db
      .collection(ACCESS_LOG_CHECKPOINTS)
      .find({}, { projection: { _id: 0 } })
      .toArray();
    records.push(...(await this.fileRecords()));
    const signed = new Map<string, Checkpoint>();
    let forged = 0;
    for (const record of records) {
      if (!isSigned(this.key, this.log, record)) forged += 1;
      else signed.set(`${record.position} ${record.headHash}`, record);
    }
    return { signed: [...signed.values()].sort((a, b) => a.position - b.position), forged };
  }

  private async fileRecords(): Promise<unknown[]> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return text
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => {
        try {
          const parsed = JSON.parse(line) as Record<string, unknown>;
          return { ...parsed, at: typeof parsed.at === 'string' ? new Date(parsed.at) : parsed.at };
        } catch {
          return null; // counted as forged: nothing this code writes fails to parse
        }
      });
  }
}

export function checkpointFile(dir: string, log: string): string {
  return join(dir, `${log}.checkpoints.jsonl`);
}
