import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MongoServer {
  uri: string;
  /** false when MONGODB_URI pointed at a server someone else runs. */
  embedded: boolean;
  /** What the embedded FerretDB keeps its data in; absent for a server someone else runs. */
  backend?: EmbeddedBackend;
  dataDir?: string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash would end it, keeping its data dir so a fault test can restart it there. */
  kill(): Promise<void>;
}

/** EMBEDDED_DATABASE: `postgresql` (the default: a cluster of its own, see main.go) or `sqlite` (files, slower as data grows). */
export type EmbeddedBackend = 'postgresql' | 'sqlite';

export interface StartOptions {
  /** The data directory; defaults to <repo>/.data/ferretdb so `npm start` keeps its data. */
  dataDir?: string;
  /** Fresh directory under the OS temp dir, deleted on stop (tests). */
  temporary?: boolean;
  /** Port on 127.0.0.1, any free one by default; a fault test restarts a killed server on the port its clients' URI names. */
  port?: number;
}

export const repoRoot = path.resolve(__dirname, '..', '..');
const sourceDir = __dirname;
/** What the binary is built from: the module files and every Go file beside them. */
const sourceFiles = () => [
  'go.mod',
  'go.sum',
  ...readdirSync(sourceDir)
    .filter((file) => file.endsWith('.go'))
    .sort(),
];
// initdb on the first start, then PostgreSQL's start-up (and recovery after a kill) come before the line.
const READY_TIMEOUT_MS = 60_000;
const KILL_AFTER_MS = 5_000;
const STDERR_TAIL_BYTES = 16_384;

export async function binaryHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of sourceFiles()) hash.update(await fs.readFile(path.join(sourceDir, file)));
  return hash.digest('hex').slice(0, 16);
}

// Memoised so that several callers in one process share one build.
let building: Promise<string> | undefined;

export function ensureEmbeddedMongoBinary(): Promise<string> {
  building ??= buildIfMissing().catch((err: unknown) => {
    building = undefined; // let a later call retry, e.g. after Go is installed
    throw err;
  });
  return building;
}

/*
 * No lock file: a lock left behind by a build killed with Ctrl-C would need
 * stale-lock detection, which is more code and more ways to hang than the race
 * it prevents. Instead every builder writes its own temp file and renames it
 * into place; rename is atomic, the binaries are identical (same inputs,
 * -trimpath) and Go's build cache is safe for concurrent use, so a race costs
 * at most one redundant build and nobody ever executes a half-written file.
 */
async function buildIfMissing(): Promise<string> {
  const outDir = path.join(repoRoot, '.cache', 'embedded-mongo', await binaryHash());
  const binary = path.join(outDir, 'embedded-mongo');
  if (existsSync(binary)) return binary;

  await fs.mkdir(outDir, { recursive: true });
  const tmp = `${binary}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  process.stderr.write('building embedded FerretDB (first run only, about a minute)…\n');
  try {
    await runGoBuild(tmp);
    await fs.rename(tmp, binary);
  } finally {
    await fs.rm(tmp, { force: true });
  }
  return binary;
}

function runGoBuild(out: string): Promise<void> {
  // -buildvcs=false: VCS stamping fails in fresh or foreign-owned checkouts (CI).
  const goflags = [process.env.GOFLAGS, '-buildvcs=false'].filter(Boolean).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('go', ['build', '-trimpath', '-o', out, '.'], {
      cwd: sourceDir,
      env: { ...process.env, GOFLAGS: goflags },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(
        err.code === 'ENOENT'
          ? new Error('`go` not found: Go 1.24+ is needed to build the embedded FerretDB, or set MONGODB_URI to use an existing MongoDB')
          : err,
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`go build of tools/embedded-mongo failed (exit ${code}):\n${output}`));
    });
  });
}

export function embeddedBackend(env: NodeJS.ProcessEnv = process.env): EmbeddedBackend {
  const value = env.EMBEDDED_DATABASE || 'postgresql';
  if (value !== 'postgresql' && value !== 'sqlite') throw new Error(`EMBEDDED_DATABASE must be postgresql or sqlite, got "${value}"`);
  return value;
}

const hasServer = (dir: string) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres'));

/**
 * PostgreSQL's bin directory: POSTGRESQL_BIN, else the newest /usr/lib/postgresql/<version>/bin (Debian,
 * Ubuntu), else a directory on the PATH holding initdb and postgres.
 */
export function postgresqlBin(env: NodeJS.ProcessEnv = process.env, debianRoot = '/usr/lib/postgresql'): string {
  if (env.POSTGRESQL_BIN) {
    if (!hasServer(env.POSTGRESQL_BIN)) throw new Error(`POSTGRESQL_BIN=${env.POSTGRESQL_BIN} holds no initdb and postgres`);
    return env.POSTGRESQL_BIN;
  }
  const versions = existsSync(debianRoot)
    ? readdirSync(debianRoot)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const found = [...versions.map((v) => path.join(debianRoot, v, 'bin')), ...(env.PATH ?? '').split(path.delimiter).filter(Boolean)].find(
    hasServer,
  );
  if (found) return found;
  throw new Error(
    'the embedded database runs FerretDB on PostgreSQL, and no PostgreSQL server is installed: on Debian or Ubuntu `apt-get install postgresql` ' +
      '(or set POSTGRESQL_BIN to the directory holding initdb and postgres). Or set EMBEDDED_DATABASE=sqlite for the SQLite backend ' +
      '(no PostgreSQL needed, slower as the data grows), or MONGODB_URI to use a MongoDB of your own.',
  );
}

export async function startMongo(options: StartOptions = {}): Promise<MongoServer> {
  const external = process.env.MONGODB_URI;
  if (external) {
    const kill = async () => {
      throw new Error('startMongo: the server MONGODB_URI names is not ours to kill');
    };
    return { uri: external, embedded: false, stop: async () => {}, kill };
  }
  if (options.temporary && options.dataDir) throw new Error('startMongo: pass either dataDir or temporary, not both');

  const backend = embeddedBackend();
  // Found before anything is built or written: a machine without PostgreSQL is told so at once.
  const backendArgs = backend === 'postgresql' ? ['-postgresql-bin', postgresqlBin(), ...(options.temporary ? ['-ephemeral'] : [])] : [];
  const binary = await ensureEmbeddedMongoBinary();
  const dataDir = options.temporary
    ? await fs.mkdtemp(path.join(os.tmpdir(), 'embedded-mongo-'))
    : (options.dataDir ?? path.join(repoRoot, '.data', 'ferretdb'));

  // stdin stays open for the child's lifetime: EOF is its signal that we died.
  const child = spawn(
    binary,
    ['-listen', `127.0.0.1:${options.port ?? 0}`, '-data', dataDir, ...backendArgs, '-watch-stdin', '-log-level', 'warn'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  // A failed spawn emits 'error' and possibly no 'exit'; either means nothing is left to wait for.
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  // Drained for the whole lifetime, or a chatty server would block on a full pipe.
  let stderrTail = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL_BYTES);
  });
  const removeTemp = async (): Promise<void> => {
    if (options.temporary) await fs.rm(dataDir, { recursive: true, force: true });
  };

  let uri: string;
  try {
    uri = await waitForUri(child, () => stderrTail);
  } catch (err) {
    child.kill('SIGKILL');
    await exited;
    await removeTemp();
    throw err;
  }

  let stopping: Promise<void> | undefined;
  let killed = false;
  child.once('exit', (code, signal) => {
    // A dev server dying silently would surface later as baffling connection errors.
    if (!stopping && !killed)
      process.stderr.write(`embedded FerretDB at ${uri} exited unexpectedly (${signal ?? `code ${code}`}):\n${stderrTail}\n`);
  });
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
        await exited;
        clearTimeout(timer);
      }
      child.stdin.destroy();
      await removeTemp();
    })());

  const kill = async (): Promise<void> => {
    killed = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
    child.stdin.destroy();
  };

  return { uri, embedded: true, backend, dataDir, stop, kill };
}

function waitForUri(child: ChildProcess, stderrTail: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`embedded FerretDB did not report MONGODB_URI within ${READY_TIMEOUT_MS / 1000}s; stderr:\n${stderrTail()}`)),
      READY_TIMEOUT_MS,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      // Wait for the newline: a chunk boundary could otherwise cut the port short.
      const match = /^MONGODB_URI=(\S+)\r?\n/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        stdout = '';
        resolve(match[1]);
      }
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // 'close' rather than 'exit': it waits for stderr to drain, so the message is complete.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`embedded FerretDB exited (${signal ?? `code ${code}`}) before accepting connections; stderr:\n${stderrTail()}`));
    });
  });
}
