import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MongoClient, Db } from 'mongodb';
import type { OutboxMessage } from '../subgraphs/kit/outbox/model';
import type { Timekeeper } from '../subgraphs/kit/outbox/rateLimiter';
import { freshDatabase } from './database';

/** Shared by the outbox tests: a fresh database of the embedded server and a temp directory. */
export async function testDatabase(name: string): Promise<{ client: MongoClient; db: Db; dir: string }> {
  const { client, db } = await freshDatabase(name);
  return { client, db, dir: mkdtempSync(join(tmpdir(), `${name}-`)) };
}

export function messages(prefix: string, count: number, from = 0): OutboxMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}:${from + i}`,
    kind: 'test',
    to: '13800138000',
    text: `测试短信 ${from + i}`,
  }));
}

/**
 * Ids per complete line of a sender's file, in order, repeats included. A line is complete once its newline
 * is written: a test polling the file while another process appends to it can read half a line, which is
 * not yet a delivery.
 */
export function idsInFile(path: string): string[] {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { id: string }).id);
}

/** A clock whose sleeps advance it instantly, so rate limits and grace periods cost no real time. */
export function fakeClock(start = Date.now()): Timekeeper & { advance(ms: number): void; slept: number } {
  let now = start;
  const clock = {
    slept: 0,
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      clock.slept += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
  return clock;
}
