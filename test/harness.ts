import { rm } from 'node:fs/promises';
import { MongoClient, type CommandStartedEvent } from 'mongodb';
import { createGateway, type RunningGateway } from '../gateway/createGateway';
import { readCommittedSupergraph } from '../schema/supergraph';
import type { Clock } from '../platform/clock';
import { gatewayConfig, type GatewayConfig } from '../gateway/config';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/server';
import { SUBGRAPHS } from '../subgraphs/registry';
import { seedProvince, type SeedSummary } from '../seed/province';
import { ACCESS_LOG } from '../subgraphs/kit/audit/accessLog';
import { ACCESS_LOG_CHECKPOINTS, checkpointFile } from '../subgraphs/kit/audit/checkpoints';
import { accessLogCheckpointDir } from '../subgraphs/kit/audit/key';
import { actorFor, authorizationFor, type QueryOptions } from './identities';
import { testMongoUri } from './database';
import { readsByEquality } from '../subgraphs/kit/mongo';

export { TEST_OFFICER, authorizationFor, type QueryAs, type QueryOptions } from './identities';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Harness {
  gateway: RunningGateway;
  subgraphs: Map<string, RunningSubgraph>;
  seeded: SeedSummary | null;
  databaseName(subgraph: string): string;
  /** Sends a document through the gateway as `options.as` (an identity, 'anonymous', a raw token), or as whoever would send it (actorFor). */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: QueryOptions,
  ): Promise<GraphQLResponse<TData>>;
  /** Runs `action` and returns the database commands each subgraph sent meanwhile. */
  recordCommands(action: () => Promise<unknown>): Promise<Map<string, CommandStartedEvent[]>>;
  /** Runs `action` and returns how many HTTP requests each subgraph received meanwhile. */
  recordRequests(action: () => Promise<unknown>): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Distinguishes this test file's databases from every other file's. */
  name: string;
  /** Seed a synthetic province first (by number of cases); omit for empty databases. */
  seed?: { seed: number; cases: number };
  /** One clock for every subgraph, which the test may move (see platform/clock.ts); the system clock by default. */
  clock?: Clock;
  /** The database server; the jest run's (MONGODB_URI) unless a fault test brings its own. */
  mongoUri?: string;
  /** Subgraphs that run elsewhere (a child process a fault test can kill), by name: the gateway calls them at these URLs. */
  elsewhere?: Record<string, string>;
  /** Gateway settings over those of the environment, e.g. a short subgraph timeout. */
  gateway?: Partial<GatewayConfig>;
  /**
   * The subgraphs' background services (lapse timer, outbox dispatchers, access-log checkpoints) run as in
   * service unless this is false: for tests that count every database command or write, which the
   * dispatchers' polling would otherwise add to.
   */
  background?: boolean;
}

/** The database names of a test file's subgraphs. */
export const testDatabaseName = (name: string) => (subgraph: string) => `t_${name}_${subgraph}`;

/** Drops the databases of these subgraphs, and their access logs' checkpoints; before they start, since a subgraph creates its indexes when it starts. */
export async function dropDatabases(
  mongoUri: string,
  databaseName: (subgraph: string) => string,
  subgraphs: readonly string[] = SUBGRAPHS.map((s) => s.name),
): Promise<void> {
  const admin = new MongoClient(mongoUri);
  try {
    for (const subgraph of subgraphs) {
      await admin.db(databaseName(subgraph)).dropDatabase();
      // A log's checkpoints outlive its database by design: a new log under the old name starts without them.
      await rm(checkpointFile(accessLogCheckpointDir(), databaseName(subgraph)), { force: true });
    }
  } finally {
    await admin.close();
  }
}

/** Every subgraph and the gateway, each on port 0, against the real database, as `npm start` runs them. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const uri = options.mongoUri ?? testMongoUri();
  const databaseName = testDatabaseName(options.name);
  const elsewhere = options.elsewhere ?? {};
  const here = SUBGRAPHS.filter((subgraph) => !(subgraph.name in elsewhere));
  const subgraphs = new Map<string, RunningSubgraph>();
  let gateway: RunningGateway | undefined;
  try {
    // Fresh databases first: a subgraph creates its indexes when it starts, and dropping afterwards would lose them.
    // A subgraph running elsewhere has started already, on a database its test dropped before.
    await dropDatabases(
      uri,
      databaseName,
      here.map((subgraph) => subgraph.name),
    );
    for (const subgraph of here) {
      const running = await startSubgraph(
        subgraph,
        { name: subgraph.name, host: '127.0.0.1', port: 0, mongoUri: uri, dbName: databaseName(subgraph.name), maxPoolSize: 20 },
        { clock: options.clock, background: options.background },
      );
      subgraphs.set(subgraph.name, running);
    }
    const seeded = options.seed ? await seedProvince({ mongoUri: uri, databaseName, ...options.seed }) : null;
    const subgraphUrls = { ...Object.fromEntries([...subgraphs].map(([name, running]) => [name, running.url])), ...elsewhere };
    // An agency gets 30 s here, reads too: a test must not fail because a loaded machine answers slowly.
    // The 5 s default for reads is for a person at a screen; fault tests set their own.
    const config = { ...gatewayConfig(), subgraphTimeouts: { readMs: 30_000, writeMs: 30_000 }, ...options.gateway };
    gateway = await createGateway({ supergraphSdl: readCommittedSupergraph(), subgraphUrls, config }).start(0, '127.0.0.1');
    const started = gateway;
    return {
      gateway: started,
      subgraphs,
      seeded,
      databaseName,
      async query<TData>(query: string, variables?: Record<string, unknown>, queryOptions: QueryOptions = {}) {
        const response = await fetch(started.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await authorizationFor(queryOptions.as ?? actorFor(query))) },
          body: JSON.stringify({ query, variables }),
        });
        return (await response.json()) as GraphQLResponse<TData>;
      },
      async recordCommands(action) {
        const seen = new Map<string, CommandStartedEvent[]>();
        const listeners = [...subgraphs].map(([name, running]) => {
          const events: CommandStartedEvent[] = [];
          seen.set(name, events);
          const listener = (event: CommandStartedEvent) => events.push(event);
          running.client.on('commandStarted', listener);
          return () => running.client.off('commandStarted', listener);
        });
        try {
          await action();
        } finally {
          for (const off of listeners) off();
        }
        return seen;
      },
      async recordRequests(action) {
        const counts = new Map<string, number>();
        const listeners = [...subgraphs].map(([name, running]) => {
          counts.set(name, 0);
          const listener = () => counts.set(name, (counts.get(name) ?? 0) + 1);
          running.server.on('request', listener);
          return () => running.server.off('request', listener);
        });
        try {
          await action();
        } finally {
          for (const off of listeners) off();
        }
        return counts;
      },
      async stop() {
        await started.stop();
        for (const running of subgraphs.values()) await running.stop();
      },
    };
  } catch (error) {
    await gateway?.stop();
    for (const running of subgraphs.values()) await running.stop();
    throw error;
  }
}

/**
 * What the background services write on their own, whatever a request does: the outbox dispatcher's
 * lease heartbeats and its progress through a ticket, the access log's checkpoints.
 */
function bookkeeping(event: CommandStartedEvent): boolean {
  const collection = String(event.command[event.commandName] ?? '');
  if (collection.endsWith('_leases') || collection === ACCESS_LOG_CHECKPOINTS) return true;
  if (event.commandName === 'insert') return collection.endsWith('_sent');
  return collection.endsWith('_progress') || collection.endsWith('_tickets');
}

/** Commands that change data, for asserting that refused input wrote nothing. */
export function writeCommands(events: Iterable<CommandStartedEvent[]>): CommandStartedEvent[] {
  const writes = new Set(['insert', 'update', 'delete', 'findAndModify', 'createIndexes', 'drop']);
  // The access log records that something was read (kit/audit); it is not a change to the data asked about.
  const logged = (event: CommandStartedEvent) => event.commandName === 'insert' && event.command.insert === ACCESS_LOG;
  return [...events].flat().filter((event) => writes.has(event.commandName) && !logged(event) && !bookkeeping(event));
}

/** A filter with every value replaced by `?`: the shape one batch of a loader's reads shares. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, shapeOf(inner)]));
  }
  return '?';
}

/**
 * The batches in which a subgraph's finds reached its database, for tests that a page costs the same
 * number of batches however many rows it has. On MongoDB a loader's batch is one `$in` find; on
 * FerretDB it is read key by key (kit/loaders.ts), so a batch is the finds of one shape, and then no
 * find may carry an `$in` or read a key twice.
 */
export function findBatches(events: readonly CommandStartedEvent[], dbName: string): string[] {
  const finds = events.filter((event) => event.commandName === 'find');
  const exact = finds.map((event) => `${String(event.command.find)} ${JSON.stringify(event.command.filter)}`);
  if (!readsByEquality(dbName)) return exact;
  expect(exact.filter((find) => find.includes('"$in"'))).toEqual([]);
  expect(new Set(exact).size).toBe(exact.length);
  return [...new Set(finds.map((event) => `${String(event.command.find)} ${JSON.stringify(shapeOf(event.command.filter))}`))];
}
