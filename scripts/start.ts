import { MongoClient } from 'mongodb';
import { envKey, readPort } from '../platform/config';
import { databaseName } from '../subgraphs/kit/config';
import { SUBGRAPHS } from '../subgraphs/registry';
import { SCALES, seedProvince } from '../seed/province';
import { startMongo } from '../tools/embedded-mongo/launcher';
import { developmentTokens } from './devTokens';
import { exampleCase } from './example';
import { GATEWAY_HEAP_MB, stopServices, waitHealthy, type Service } from './processes';
import { superviseService } from './supervise';

// `npm start`: the database (embedded unless MONGODB_URI is set), a demo province if the database is
// empty, every subgraph as its own process on its own port, then the gateway with GraphiQL. A service
// that dies once the system is up is started again with back-off (supervise.ts); the rest keep serving.
async function main(): Promise<void> {
  // A developer's session on the published development keys; every service it starts inherits the mode.
  // Without it, each service refuses to start until its real keys are configured (platform/config.ts).
  process.env.DEVELOPMENT_MODE = 'true';
  const mongo = await startMongo();
  console.log(
    mongo.embedded
      ? `embedded FerretDB on ${mongo.backend === 'postgresql' ? 'PostgreSQL' : 'SQLite'} at ${mongo.uri} (data in ${mongo.dataDir})`
      : `using MONGODB_URI ${mongo.uri}`,
  );
  const services: Service[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await stopServices(services);
    await mongo.stop();
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  try {
    const client = new MongoClient(mongo.uri);
    const cases = await client.db(databaseName('court')).collection('cases').countDocuments({}, { limit: 1 });
    await client.close();
    if (cases === 0) {
      console.log(`empty database: seeding a demo province (${SCALES.demo} cases)…`);
      await seedProvince({
        mongoUri: mongo.uri,
        databaseName: (name) => databaseName(name),
        seed: 2026,
        cases: SCALES.demo,
        showProgress: true,
      });
    }

    const env = { ...process.env, MONGODB_URI: mongo.uri };
    const supervision = { stopping: () => stopping };
    for (const subgraph of SUBGRAPHS)
      services.push(superviseService(subgraph.name, `subgraphs/${subgraph.name}/main.ts`, env, [], supervision));
    // The gateway is told where each subgraph listens, so <NAME>_PORT moves a subgraph without recomposing.
    const subgraphUrls: Record<string, string> = {};
    for (const [index, subgraph] of SUBGRAPHS.entries()) {
      const key = envKey(subgraph.name);
      const port = readPort(process.env[`${key}_PORT`], subgraph.defaultPort, `${key}_PORT`);
      await waitHealthy(services[index], `http://127.0.0.1:${port}/health`);
      subgraphUrls[`${key}_URL`] = process.env[`${key}_URL`] ?? `http://127.0.0.1:${port}/graphql`;
    }

    const example = await exampleCase(mongo.uri);
    const tokens = await developmentTokens(example);
    const gatewayPort = readPort(process.env.GATEWAY_PORT, 4000, 'GATEWAY_PORT');
    // A developer's session: GraphiQL and introspection on unless the environment says otherwise.
    const gateway = superviseService(
      'gateway',
      'gateway/main.ts',
      {
        ...env,
        ...subgraphUrls,
        GRAPHIQL: process.env.GRAPHIQL ?? 'true',
        GRAPHQL_INTROSPECTION: process.env.GRAPHQL_INTROSPECTION ?? 'true',
        GRAPHIQL_EXAMPLE_QUERY: example.query,
        GRAPHIQL_TOKEN: tokens.officer,
      },
      [`--max-old-space-size=${GATEWAY_HEAP_MB}`],
      supervision,
    );
    services.push(gateway);
    await waitHealthy(gateway, `http://127.0.0.1:${gatewayPort}/health`);

    console.log(
      `\nThe enforcement supergraph is up.\n  GraphiQL: http://127.0.0.1:${gatewayPort}/ (signed in as the officer of ${example.caseNumber})\n  GraphQL:  http://127.0.0.1:${gatewayPort}/graphql\n\n${tokens.text}\n\nTry:\n${example.query}\nCtrl-C stops everything.`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

void main();
