import type { KeyObject } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { Db, MongoClient } from 'mongodb';
import { IDENTITY_HEADER, verifyIdentity } from '../../platform/internalToken';
import { systemClock, type Clock } from '../../platform/clock';
import { isProduction } from '../../platform/config';
import { subgraphConfig, type SubgraphConfig } from './config';
import { ErrorCode, maskInternalErrors } from '../../platform/errors';
import { healthRoutes } from '../../platform/health';
import { serveGraphQL } from '../../platform/http';
import { metricsRoute, Registry } from '../../platform/metrics';
import { countDatabaseCommands } from './databaseMetrics';
import { connectDatabase, createIndexes, isDatabaseUnreachable } from './mongo';
import { publicKey } from '../../platform/signing';
import type { Subgraph } from './subgraph';

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  client: MongoClient;
  db: Db;
  /** The clock its resolvers and background services read. */
  clock: Clock;
  /** The HTTP server, for tests that watch the requests reaching this subgraph. */
  server: Server;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The time this instance's resolvers see (see clock.ts); the system clock unless a test moves its own. */
  clock?: Clock;
  /** The public key checking the gateway's identity tokens; GATEWAY_IDENTITY_PUBLIC_KEY (or the development one) unless a test brings its own. */
  identityKey?: KeyObject;
  /**
   * Whether the subgraph's background services run beside it (default: yes, as in service). Only a test
   * that drives a service itself, on a clock of its own, turns them off (test/victimsHarness.ts).
   */
  background?: boolean;
}

/**
 * Starts one subgraph: connects its own database, creates its indexes, serves GraphQL and its health
 * routes, then starts its background services; stop() ends them first. main.ts and every test harness
 * start subgraphs this way, so they run the same things.
 */
export async function startSubgraph(subgraph: Subgraph, config: SubgraphConfig, options: StartOptions = {}): Promise<RunningSubgraph> {
  const clock = options.clock ?? systemClock;
  // Loaded before anything listens, so production without the key refuses to start rather than every request.
  const identityKey = options.identityKey ?? publicKey('GATEWAY_IDENTITY');
  // Built first: it loads the keys the subgraph signs and checks with, and a missing one stops it before any connection.
  const schema = subgraph.buildSchema();
  const { client, db } = await connectDatabase(config.mongoUri, config.dbName, config.maxPoolSize);
  const metrics = new Registry();
  countDatabaseCommands(client, metrics);
  try {
    await createIndexes(db, subgraph.indexes);
    const apollo = new ApolloServer<object>({
      schema,
      // Inline traces only feed Apollo's cloud reporting, which this project never sends to.
      plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
      includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
      formatError: reportDatabaseOutage(subgraph.name, maskInternalErrors(isProduction())),
    });
    await apollo.start();
    let stopped: Promise<void> | undefined;
    const http = await serveGraphQL(apollo, config.port, config.host, {
      context: async (req) =>
        subgraph.createContext({
          db,
          headers: req.headers,
          clock,
          identity: await verifyIdentity(req.headers[IDENTITY_HEADER], subgraph.name, identityKey),
        }),
      routes: [
        healthRoutes({ check: () => db.command({ ping: 1 }), draining: () => stopped !== undefined, about: { subgraph: subgraph.name } }),
        metricsRoute(metrics),
      ],
    });
    const services: Array<() => Promise<void>> = [];
    const running: RunningSubgraph = {
      name: subgraph.name,
      url: http.url,
      port: http.port,
      client,
      db,
      clock,
      server: http.server,
      // Idempotent: a fault test may stop a subgraph that the harness stops again at the end.
      stop() {
        stopped ??= (async () => {
          await Promise.all(services.map((stop) => stop()));
          await http.close();
          await apollo.stop();
          await client.close();
        })();
        return stopped;
      },
    };
    if (options.background ?? true) {
      try {
        for (const service of subgraph.background) services.push(await service(running));
      } catch (error) {
        await running.stop();
        throw error;
      }
    }
    return running;
  } catch (error) {
    await client.close();
    throw error;
  }
}

/**
 * A subgraph whose database is down is an agency that cannot answer: the client is told so in the same
 * words as when the gateway cannot reach the subgraph, and never sees the driver's message (it names hosts).
 */
function reportDatabaseOutage(name: string, next: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    if (!isDatabaseUnreachable(error)) return next(formatted, error);
    return {
      message: `agency ${name} cannot reach its register`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.AGENCY_UNAVAILABLE, agency: name },
    };
  };
}

/** The body of every subgraph's main.ts: configuration from the environment, start (with its background services), stop on SIGINT/SIGTERM. */
export async function runSubgraph(subgraph: Subgraph): Promise<void> {
  let running: RunningSubgraph;
  try {
    running = await startSubgraph(subgraph, subgraphConfig(subgraph.name, subgraph.defaultPort));
  } catch (error) {
    // A missing key or a wrong setting: one line an operator can act on, then a failed exit a supervisor sees.
    console.error(`subgraph ${subgraph.name} cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  console.log(`subgraph ${running.name} listening at ${running.url}`);
  const shutdown = () => {
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
