import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { MongoClient } from 'mongodb';
import { GATEWAY_HEAP_MB, startService, stopServices, waitHealthy, type Service } from '../scripts/processes';
import { seedProvince, type SeedSummary } from '../seed/province';
import { envKey } from '../platform/config';
import { databaseName } from '../subgraphs/kit/config';
import { SUBGRAPHS } from '../subgraphs/registry';
import { startMongo } from '../tools/embedded-mongo/launcher';
import { findEmbeddedMongoPid, type Measured } from './proc';

export interface Endpoint {
  name: string;
  url: string;
  pid: number;
}

export interface Stack {
  mongoUri: string;
  embedded: boolean;
  /** Each subgraph's database name, as its process is configured. */
  databaseName(subgraph: string): string;
  seeded: SeedSummary;
  seedSeconds: number;
  subgraphs: Endpoint[];
  gateway: Endpoint;
  peer: Endpoint;
  /** Every process whose memory the report shows; FerretDB only when it is ours. */
  processes: Measured[];
  /** Names of the services that have stopped on their own. */
  exited(): string[];
  stop(): Promise<void>;
}

/** Bench databases get their own prefix so that a MONGODB_URI in use by `npm start` keeps its data. */
const DB_PREFIX = 'bench';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function endpoint(service: Service, url: string): Endpoint {
  const pid = service.child.pid;
  if (pid === undefined) throw new Error(`${service.name} has no process id`);
  return { name: service.name, url, pid };
}

/** A fresh seeded province, every subgraph in its own process, our gateway and the Hive peer. */
export async function startStack(options: { seed: number; cases: number }): Promise<Stack> {
  const mongo = await startMongo({ temporary: true });
  const services: Service[] = [];
  const stop = async () => {
    await stopServices(services);
    await mongo.stop();
  };
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      MONGODB_URI: mongo.uri,
      DB_PREFIX,
      HOST: '127.0.0.1',
      GRAPHIQL: 'false',
      // The bench's access logs start afresh with its databases, and so do their checkpoints.
      ACCESS_LOG_CHECKPOINT_DIR: mkdtempSync(path.join(tmpdir(), 'bench-checkpoints-')),
      // Figures comparable with earlier reports: an agency gets 30 s for a query, as it did before the 5 s default.
      SUBGRAPH_READ_TIMEOUT_MS: process.env.SUBGRAPH_READ_TIMEOUT_MS ?? '30000',
    };
    const dbName = (name: string) => databaseName(name, env);
    // Fresh every time: the mixed workload writes seals, and a second invocation must not start with the first one's.
    const admin = new MongoClient(mongo.uri);
    try {
      for (const subgraph of SUBGRAPHS) await admin.db(dbName(subgraph.name)).dropDatabase();
    } finally {
      await admin.close();
    }
    const seedStarted = Date.now();
    const seeded = await seedProvince({
      mongoUri: mongo.uri,
      databaseName: dbName,
      seed: options.seed,
      cases: options.cases,
      showProgress: true,
    });
    const seedSeconds = (Date.now() - seedStarted) / 1000;

    const ports = new Map<string, number>();
    for (const subgraph of SUBGRAPHS) ports.set(subgraph.name, await freePort());
    const urls: Record<string, string> = {};
    for (const subgraph of SUBGRAPHS) {
      urls[`${envKey(subgraph.name)}_PORT`] = String(ports.get(subgraph.name));
      urls[`${envKey(subgraph.name)}_URL`] = `http://127.0.0.1:${ports.get(subgraph.name)}/graphql`;
    }
    const subgraphs: Endpoint[] = [];
    for (const subgraph of SUBGRAPHS) {
      const service = startService(subgraph.name, `subgraphs/${subgraph.name}/main.ts`, { ...env, ...urls });
      services.push(service);
      subgraphs.push(endpoint(service, `http://127.0.0.1:${ports.get(subgraph.name)}/graphql`));
    }
    for (const [index, subgraph] of SUBGRAPHS.entries())
      await waitHealthy(services[index], `http://127.0.0.1:${ports.get(subgraph.name)}/health`);

    const gatewayPort = await freePort();
    // Both gateways with the same heap limit as `npm start` gives ours: a limit costs GC time, and neither should be spared it.
    const heap = [`--max-old-space-size=${GATEWAY_HEAP_MB}`];
    const gatewayService = startService('gateway', 'gateway/main.ts', { ...env, ...urls, GATEWAY_PORT: String(gatewayPort) }, heap);
    services.push(gatewayService);
    const peerPort = await freePort();
    // No Hive or Apollo credentials reach the peer, so nothing in its environment can switch reporting on.
    const peerEnv = Object.fromEntries(
      Object.entries({ ...env, ...urls, PEER_PORT: String(peerPort) }).filter(([key]) => !/^(HIVE_|APOLLO_)/.test(key)),
    );
    const peerService = startService('hive', 'bench/peer-gateway.ts', peerEnv, heap);
    services.push(peerService);
    await waitHealthy(gatewayService, `http://127.0.0.1:${gatewayPort}/health`);
    await waitHealthy(peerService, `http://127.0.0.1:${peerPort}/healthcheck`);

    const gateway = endpoint(gatewayService, `http://127.0.0.1:${gatewayPort}/graphql`);
    const peer = endpoint(peerService, `http://127.0.0.1:${peerPort}/graphql`);
    const mongoPid = mongo.embedded ? findEmbeddedMongoPid() : undefined;
    const processes = [gateway, peer, ...subgraphs, ...(mongoPid ? [{ name: 'FerretDB', pid: mongoPid }] : [])].map(({ name, pid }) => ({
      name,
      pid,
    }));
    const exited = () => services.filter(({ child }) => child.exitCode !== null || child.signalCode !== null).map(({ name }) => name);
    return {
      mongoUri: mongo.uri,
      embedded: mongo.embedded,
      databaseName: dbName,
      seeded,
      seedSeconds,
      subgraphs,
      gateway,
      peer,
      processes,
      exited,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
