import { MongoClient } from 'mongodb';
import { createGateway, type RunningGateway } from '../gateway/createGateway';
import { readCommittedSupergraph } from '../schema/supergraph';
import { seedProvince } from '../seed/province';
import { gatewayConfig, type GatewayConfig } from '../subgraphs/kit/config';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/server';
import { SUBGRAPHS } from '../subgraphs/registry';
import type { GraphQLResponse } from './harness';
import { authorizationFor, type QueryAs } from './identities';

/** One request as the client saw it: the HTTP status, the body if it was JSON, and how long it took. */
export interface Sent<TData> {
  status: number;
  body: GraphQLResponse<TData> | null;
  ms: number;
}

/** The graph of harness.ts, with what fault tests need to change: the database, the gateway's config, subgraphs run elsewhere. */
export interface FaultGraph {
  gateway: RunningGateway;
  /** The subgraphs running in this process. */
  subgraphs: Map<string, RunningSubgraph>;
  databaseName(subgraph: string): string;
  send<TData = Record<string, unknown>>(query: string, variables: Record<string, unknown>, as: QueryAs): Promise<Sent<TData>>;
  stop(): Promise<void>;
}

export interface FaultGraphOptions {
  name: string;
  mongoUri: string;
  seed: { seed: number; cases: number };
  /** Subgraphs that run elsewhere (a child process), by name: the gateway calls them at these URLs. */
  elsewhere?: Record<string, string>;
  gateway?: Partial<GatewayConfig>;
}

export const faultDatabaseName = (name: string) => (subgraph: string) => `t_${name}_${subgraph}`;

/** Drops every subgraph's database; before anything starts, since a subgraph creates its indexes when it starts. */
export async function dropDatabases(mongoUri: string, databaseName: (subgraph: string) => string): Promise<void> {
  const admin = new MongoClient(mongoUri);
  try {
    for (const subgraph of SUBGRAPHS) await admin.db(databaseName(subgraph.name)).dropDatabase();
  } finally {
    await admin.close();
  }
}

/** Starts the in-process subgraphs and the gateway, then seeds; the databases must have been dropped first (dropDatabases). */
export async function startFaultGraph(options: FaultGraphOptions): Promise<FaultGraph> {
  const databaseName = faultDatabaseName(options.name);
  const elsewhere = options.elsewhere ?? {};
  const subgraphs = new Map<string, RunningSubgraph>();
  const stopSubgraphs = async () => {
    for (const running of subgraphs.values()) await running.stop();
  };
  try {
    for (const subgraph of SUBGRAPHS.filter((s) => !(s.name in elsewhere))) {
      const config = { name: subgraph.name, host: '127.0.0.1', port: 0, mongoUri: options.mongoUri, dbName: databaseName(subgraph.name), maxPoolSize: 20 };
      subgraphs.set(subgraph.name, await startSubgraph(subgraph, config));
    }
    await seedProvince({ mongoUri: options.mongoUri, databaseName, ...options.seed });
    const subgraphUrls = { ...Object.fromEntries([...subgraphs].map(([name, running]) => [name, running.url])), ...elsewhere };
    const config = { ...gatewayConfig(), ...options.gateway };
    const gateway = await createGateway({ supergraphSdl: readCommittedSupergraph(), subgraphUrls, config }).start(0, '127.0.0.1');
    return {
      gateway,
      subgraphs,
      databaseName,
      async send<TData>(query: string, variables: Record<string, unknown>, as: QueryAs) {
        const started = performance.now();
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await authorizationFor(as)) },
          body: JSON.stringify({ query, variables }),
        });
        const text = await response.text();
        let body: GraphQLResponse<TData> | null = null;
        try {
          body = JSON.parse(text) as GraphQLResponse<TData>;
        } catch {
          // Not JSON: the test asserts on body === null.
        }
        return { status: response.status, body, ms: performance.now() - started };
      },
      async stop() {
        await gateway.stop();
        await stopSubgraphs();
      },
    };
  } catch (error) {
    await stopSubgraphs();
    throw error;
  }
}
