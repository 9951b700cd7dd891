import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { envKey, listenHost, readPort } from '../platform/config';
import { createGateway } from './createGateway';
import { subgraphNamesAndUrls } from './supergraph';

const SUPERGRAPH_PATH = join(__dirname, '..', 'schema', 'supergraph.graphql');

/** COURT_URL and the like point one subgraph elsewhere without recomposing the supergraph. */
function urlOverrides(supergraphSdl: string, env: Record<string, string | undefined>): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const name of Object.keys(subgraphNamesAndUrls(supergraphSdl))) {
    const url = env[`${envKey(name)}_URL`];
    if (url) overrides[name] = url;
  }
  return overrides;
}

async function main(): Promise<void> {
  if (!existsSync(SUPERGRAPH_PATH)) throw new Error(`${SUPERGRAPH_PATH} not found: run \`npm run compose\` first`);
  const supergraphSdl = readFileSync(SUPERGRAPH_PATH, 'utf8');
  const gateway = createGateway({
    supergraphSdl,
    subgraphUrls: urlOverrides(supergraphSdl, process.env),
    // `npm start` passes a query for a seeded case and its officer's development token, so the page
    // opens on something that answers.
    exampleQuery: process.env.GRAPHIQL_EXAMPLE_QUERY || undefined,
    graphiqlToken: process.env.GRAPHIQL_TOKEN || undefined,
  });
  const running = await gateway.start(readPort(process.env.GATEWAY_PORT, 4000, 'GATEWAY_PORT'), listenHost());
  console.log(`gateway listening at ${running.url}`);

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  // A missing key or a wrong setting: one line an operator can act on, then a failed exit a supervisor sees.
  console.error(`gateway cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
