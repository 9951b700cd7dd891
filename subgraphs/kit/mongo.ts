import { MongoClient, MongoServerError, type CreateIndexesOptions, type Db, type IndexSpecification } from 'mongodb';

/** An index a repository needs; declared beside the queries that use it and created at start. */
export interface IndexDeclaration {
  collection: string;
  key: IndexSpecification;
  options?: CreateIndexesOptions;
}

export interface DatabaseHandle {
  client: MongoClient;
  db: Db;
}

export async function connectDatabase(uri: string, dbName: string, maxPoolSize: number): Promise<DatabaseHandle> {
  // monitorCommands feeds the subgraph's /metrics (databaseMetrics.ts) and lets tests count round trips per request.
  // A bounded pool: FerretDB 1.24 (SQLite) holds a second pooled connection per update in flight and
  // deadlocks when its pool of 100 is exhausted, so no client may run anywhere near 100 at once.
  const client = new MongoClient(uri, { monitorCommands: true, serverSelectionTimeoutMS: 5000, maxPoolSize });
  await client.connect();
  const db = client.db(dbName);
  scansForIn.set(dbName, await isFerretDb(db));
  return { client, db };
}

/** Whether the server is FerretDB, which says so in buildInfo. */
export async function isFerretDb(db: Db): Promise<boolean> {
  return 'ferretdbVersion' in (await db.admin().command({ buildInfo: 1 }));
}

/** What connectDatabase learnt of each database's server: FerretDB (v1) answers `$in` and `$or` by reading every document. */
const scansForIn = new Map<string, boolean>();

/**
 * Whether the loaders should read a batch key by key (equality, which FerretDB pushes down to its backend)
 * rather than with one `$in` (which it does not): FerretDB yes, MongoDB no, a database not connected
 * through connectDatabase as MongoDB.
 */
export function readsByEquality(dbName: string): boolean {
  return scansForIn.get(dbName) ?? false;
}

export async function createIndexes(db: Db, indexes: readonly IndexDeclaration[]): Promise<void> {
  for (const index of indexes) {
    await db.collection(index.collection).createIndex(index.key, index.options ?? {});
  }
}

/**
 * A unique index refused an insert: the one write FerretDB v1 decides atomically across connections.
 * FerretDB 1.24 reports some of these as code 1 with SQLite's message rather than 11000.
 */
export function isDuplicateKey(error: unknown): boolean {
  return error instanceof MongoServerError && isDuplicateKeyWrite({ code: error.code, errmsg: error.message });
}

/** The same for one write of a bulk insert (a MongoBulkWriteError's writeErrors), by both servers' codes. */
export function isDuplicateKeyWrite(writeError: { code?: number | string; errmsg?: string }): boolean {
  // FerretDB reports a unique violation on an update as code 1, in its backend's words: SQLite's, or PostgreSQL's (SQLSTATE 23505).
  return (
    writeError.code === 11000 || /UNIQUE constraint failed|duplicate key value violates unique constraint/.test(writeError.errmsg ?? '')
  );
}

/** The driver's errors for a database it cannot reach (as opposed to one that refused a command). */
const UNREACHABLE = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoPoolClearedError',
  'MongoTopologyClosedError',
]);

/** Whether an error, or what it wraps (a GraphQL error's original, a cause), is the database being out of reach. */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 5; depth++) {
    const { name, originalError, cause } = current as { name?: unknown; originalError?: unknown; cause?: unknown };
    if (typeof name === 'string' && UNREACHABLE.has(name)) return true;
    current = originalError ?? cause;
  }
  return false;
}
