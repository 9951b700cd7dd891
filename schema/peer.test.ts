import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readCommittedSupergraph } from './supergraph';

// The slice of @graphql-hive/gateway-runtime used here (see bench/peer-gateway.ts for why it is not imported with its types).
type Runtime = ((req: IncomingMessage, res: ServerResponse) => void) & { dispose(): void | Promise<void> };
const { createGatewayRuntime } = require('@graphql-hive/gateway-runtime') as {
  createGatewayRuntime(config: { supergraph: string; graphiql: boolean; landingPage: boolean; logging: 'error' }): Runtime;
};

/*
 * The bench compares our gateway with this peer on the committed supergraph, so a schema shape the peer
 * cannot serve would leave the report without a comparison. Found once: @requires on fields returning a
 * shared value type (AgencyFindings) made its stitching fail with "Multiple canonical definitions".
 */
test('the peer gateway of the bench builds its schema from the committed supergraph', async () => {
  const runtime = createGatewayRuntime({ supergraph: readCommittedSupergraph(), graphiql: false, landingPage: false, logging: 'error' });
  const server = createServer((req, res) => runtime(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  } finally {
    server.close();
    await runtime.dispose();
  }
});
