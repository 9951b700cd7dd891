import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '../bench/hiveRuntime';
import { readCommittedSupergraph } from './supergraph';

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
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  } finally {
    server.close();
    await runtime.dispose();
  }
});
