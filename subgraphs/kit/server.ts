import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Db, MongoClient } from 'mongodb';
import { systemClock, type Clock } from './clock';
import { subgraphConfig, type SubgraphConfig } from './config';
import { serveGraphQL, sendJson } from './http';
import { connectDatabase, createIndexes } from './mongo';
import type { Subgraph } from './subgraph';

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  client: MongoClient;
  db: Db;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** The time this instance's resolvers see (see clock.ts); the system clock unless a test moves its own. */
  clock?: Clock;
}

/** Starts one subgraph: connects its own database, creates its indexes, serves GraphQL and /health. */
export async function startSubgraph(subgraph: Subgraph, config: SubgraphConfig, options: StartOptions = {}): Promise<RunningSubgraph> {
  const clock = options.clock ?? systemClock;
  const { client, db } = await connectDatabase(config.mongoUri, config.dbName, config.maxPoolSize);
  try {
    await createIndexes(db, subgraph.indexes);
    const apollo = new ApolloServer<object>({
      schema: subgraph.buildSchema(),
      // Inline traces only feed Apollo's cloud reporting, which this project never sends to.
      plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
      includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
    });
    await apollo.start();
    const http = await serveGraphQL(apollo, config.port, config.host, {
      context: async (req) => subgraph.createContext({ db, headers: req.headers, clock }),
      routes: [
        async (req, res) => {
          if (!req.url?.startsWith('/health')) return false;
          await db.command({ ping: 1 });
          sendJson(res, 200, { status: 'ok', subgraph: subgraph.name });
          return true;
        },
      ],
    });
    let stopped: Promise<void> | undefined;
    return {
      name: subgraph.name,
      url: http.url,
      port: http.port,
      client,
      db,
      // Idempotent: a fault test may stop a subgraph that the harness stops again at the end.
      stop() {
        stopped ??= (async () => {
          await http.close();
          await apollo.stop();
          await client.close();
        })();
        return stopped;
      },
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}

/** The body of every subgraph's main.ts: configuration from the environment, stop on SIGINT/SIGTERM. */
export async function runSubgraph(subgraph: Subgraph): Promise<void> {
  const running = await startSubgraph(subgraph, subgraphConfig(subgraph.name, subgraph.defaultPort));
  console.log(`subgraph ${running.name} listening at ${running.url}`);
  const shutdown = () => {
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
