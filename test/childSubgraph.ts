import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { envKey } from '../platform/config';

const repoRoot = path.resolve(__dirname, '..');
const START_TIMEOUT_MS = 30_000;
const OUTPUT_TAIL_BYTES = 8_192;

/** A subgraph running as its own process (its main.ts, as deployed), so a test can crash it. */
export interface ChildSubgraph {
  name: string;
  port: number;
  url: string;
  /** SIGKILL: the process ends at once, no shutdown hook runs, connections in flight are cut. */
  kill(): Promise<void>;
  /** SIGSTOP / SIGCONT: the process keeps its connections but answers nothing, as a subgraph stuck on a slow database. */
  freeze(): void;
  thaw(): void;
  /** Starts the process again on the same port and waits until it answers. */
  restart(): Promise<void>;
  /** Ends the process (SIGKILL: nothing of a test's subgraph needs a graceful end); idempotent. */
  stop(): Promise<void>;
}

export interface ChildSubgraphOptions {
  mongoUri: string;
  dbName: string;
}

/** A port that was free a moment ago: the child must listen on a port known before it starts, to come back on it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startChildSubgraph(name: string, options: ChildSubgraphOptions): Promise<ChildSubgraph> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const key = envKey(name);
  // Only this subgraph's own variables change: the rest (development keys, NODE_ENV) is what the test process has.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    MONGODB_URI: options.mongoUri,
    [`${key}_DB`]: options.dbName,
    [`${key}_PORT`]: String(port),
  };
  delete env[`${key}_MONGODB_URI`];
  let child: ChildProcess | undefined;
  let output = '';
  // A jest worker that exits without afterAll (a crash, a forced exit) must not leave the subgraph running.
  const orphanGuard = () => child?.kill('SIGKILL');
  process.once('exit', orphanGuard);

  const spawnAndWait = async () => {
    output = '';
    const started = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'subgraphs', name, 'main.ts')], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    // Kept (the tail) for the error message, and drained so a full pipe never blocks the child.
    for (const stream of [started.stdout, started.stderr])
      stream?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_TAIL_BYTES)));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (started.exitCode !== null || started.signalCode !== null) break;
      try {
        // Ready: the database answered the subgraph's ping; /health/ready where it exists, /health before.
        if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    started.kill('SIGKILL');
    await exited(started);
    throw new Error(`subgraph ${name} did not become ready on port ${port} within ${START_TIMEOUT_MS / 1000} s; output:\n${output}`);
  };

  const kill = async () => {
    if (!child) return;
    child.kill('SIGCONT'); // a frozen process takes SIGKILL too, but its exit is only seen once it runs
    child.kill('SIGKILL');
    await exited(child);
  };

  await spawnAndWait();
  return {
    name,
    port,
    url,
    kill,
    freeze: () => void child?.kill('SIGSTOP'),
    thaw: () => void child?.kill('SIGCONT'),
    restart: spawnAndWait,
    async stop() {
      await kill();
      process.off('exit', orphanGuard);
    },
  };
}
