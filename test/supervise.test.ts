import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stopServices } from '../scripts/processes';
import { superviseService } from '../scripts/supervise';

const startsIn = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean).length;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let tries = 0; !condition(); tries += 1) {
    if (tries > 600) throw new Error(`gave up waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("npm start's supervisor", () => {
  it('starts a service that dies again after a doubling pause, reports each restart, and leaves it running once it stays up', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'supervise-')), 'starts');
    const reports: string[] = [];
    let stopping = false;
    const service = superviseService('crashy', 'test/fixtures/crashTwice.ts', { ...process.env, STARTS_FILE: file }, [], {
      stopping: () => stopping,
      backoff: { initialMs: 100, maxMs: 1000, stableMs: 60_000 },
      report: (line) => reports.push(line),
    });
    try {
      await until(() => service.restarts === 2, 'the service was started a third time');
      await until(() => {
        try {
          return startsIn(file) === 3;
        } catch {
          return false;
        }
      }, 'the third start ran');
      expect(reports).toEqual([
        '[supervisor] crashy stopped (exit code 3); starting it again in 0.1 s (restart 1)',
        '[supervisor] crashy stopped (exit code 3); starting it again in 0.2 s (restart 2)',
      ]);
      expect(service.child.exitCode).toBeNull();
    } finally {
      stopping = true;
      await stopServices([service]);
    }
    // Stopped by the system: an expected end, so nothing starts it again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(service.restarts).toBe(2);
    expect(reports).toHaveLength(2);
  });

  it('starts a killed service again, as after an out-of-memory kill', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'supervise-')), 'starts');
    const reports: string[] = [];
    let stopping = false;
    // Two crashes are already counted, so every start of this service stays up.
    writeFileSync(file, 'start\nstart\n');
    const service = superviseService('steady', 'test/fixtures/crashTwice.ts', { ...process.env, STARTS_FILE: file }, [], {
      stopping: () => stopping,
      backoff: { initialMs: 100, maxMs: 1000, stableMs: 60_000 },
      report: (line) => reports.push(line),
    });
    try {
      await until(() => {
        try {
          return startsIn(file) === 3;
        } catch {
          return false;
        }
      }, 'the service ran');
      service.child.kill('SIGKILL');
      await until(() => service.restarts === 1, 'the service was started again');
      expect(reports).toEqual(['[supervisor] steady stopped (SIGKILL); starting it again in 0.1 s (restart 1)']);
    } finally {
      stopping = true;
      await stopServices([service]);
    }
  });
});
