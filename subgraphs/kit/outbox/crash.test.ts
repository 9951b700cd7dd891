import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Db, MongoClient } from 'mongodb';
import { Outbox } from './enqueue';
import { outboxCollections } from './model';
import { idsInFile, messages, testDatabase } from '../../../test/outboxTesting';

const DB = 't_outbox_crash';
let client: MongoClient;
let db: Db;
let dir: string;
const c = outboxCollections();

beforeAll(async () => {
  ({ client, db, dir } = await testDatabase(DB));
});
afterAll(() => client?.close());

function startChild(
  file: string,
  env: Record<string, string> = {},
): { child: ChildProcess; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crashChild.ts')], {
    cwd: join(__dirname, '..', '..', '..'),
    env: { ...process.env, OUTBOX_DB: DB, SMS_FILE: file, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, exited };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function expectEachOnce(file: string, prefix: string, count: number): void {
  const ids = idsInFile(file).filter((id) => id.startsWith(`${prefix}:`));
  expect(ids).toHaveLength(count);
  expect(new Set(ids).size).toBe(count);
}

describe('dispatcher killed mid-batch', () => {
  it('delivers every message exactly once after SIGKILL from outside and a restart', async () => {
    await new Outbox(db, { ticketSize: 100 }).enqueue(messages('kill', 300));
    const file = join(dir, 'kill.jsonl');
    const first = startChild(file, { RATE: '100' });
    await waitFor(() => idsInFile(file).length >= 60, 30_000);
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const before = idsInFile(file).length;
    expect(before).toBeLessThan(300);

    const second = await startChild(file).exited;
    expect(second.code).toBe(0);
    expectEachOnce(file, 'kill', 300);
    expect(await db.collection(c.sent).countDocuments({ ticketId: { $exists: true }, _id: /^kill:/ } as object)).toBe(300);
    expect(await db.collection(c.tickets).countDocuments()).toBe(0);
  }, 90_000);

  it('delivers once when killed between the send and its mark', async () => {
    await new Outbox(db, { ticketSize: 100 }).enqueue(messages('window', 100));
    const file = join(dir, 'window.jsonl');
    const first = await startChild(file, { CRASH_AT_CHUNK: '3' }).exited;
    expect(first.signal).toBe('SIGKILL');
    // Three chunks reached the file, only two were marked: the crash hit the window.
    expect(idsInFile(file)).toHaveLength(30);
    expect(await db.collection(c.sent).countDocuments({ _id: /^window:/ } as object)).toBe(20);

    const second = await startChild(file).exited;
    expect(second.code).toBe(0);
    expectEachOnce(file, 'window', 100);
    expect(await db.collection(c.sent).countDocuments({ _id: /^window:/ } as object)).toBe(100);
  }, 90_000);
});
