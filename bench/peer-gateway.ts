import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { clientTokenVerifier } from '../gateway/auth/clientTokens';
import { subgraphNamesAndUrls } from '../gateway/supergraph';
import type { Identity } from '../platform/identity';
import { IDENTITY_HEADER, signIdentity } from '../platform/internalToken';
import { envKey, listenHost, readPort } from '../platform/config';
import { gatewayConfig } from '../gateway/config';
import { RequestRefused, sendJson } from '../platform/http';
import { loadPrivateKey } from '../platform/signing';
import { isLoopback } from '../test/sockets';
import { createGatewayRuntime } from './hiveRuntime';

/**
 * The peer for the benchmark: @graphql-hive/gateway-runtime serving the committed supergraph against
 * the same subgraph processes as our gateway. It reads <NAME>_URL like gateway/main.ts, so both
 * gateways are pointed at the subgraphs the same way, and does the same security work per request:
 * verifies the client's bearer token with our verifier and signs the identity for every subgraph
 * request with our signer, as gateway/createGateway.ts does.
 */

/*
 * The runtime has no option to disable outgoing traffic as such; it only reports usage when
 * `reporting` is configured, which it is not here. This guard makes that a checked fact: any socket
 * to a non-loopback address ends the process, and the benchmark fails rather than reporting numbers.
 */
function refuseNonLoopbackSockets(): void {
  subscribe('net.client.socket', (message) => {
    const { socket } = message as { socket: Socket };
    const check = (address: string | undefined) => {
      if (address && !isLoopback(address)) {
        console.error(`peer gateway opened a socket to ${address}: refusing to run off loopback`);
        process.exit(3);
      }
    };
    socket.once('lookup', (_error: Error | null, address: string) => check(address));
    socket.once('connect', () => check(socket.remoteAddress));
  });
}

function withSubgraphUrls(supergraphSdl: string, env: NodeJS.ProcessEnv): string {
  let sdl = supergraphSdl;
  for (const name of Object.keys(subgraphNamesAndUrls(supergraphSdl))) {
    const url = env[`${envKey(name)}_URL`];
    if (!url) continue;
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(sdl)) throw new Error(`cannot find the join__graph URL of ${name} in the supergraph`);
    sdl = sdl.replace(pattern, `$1${url}$2`);
  }
  return sdl;
}

function main(): void {
  refuseNonLoopbackSockets();
  const sdl = withSubgraphUrls(readFileSync(join(__dirname, '..', 'schema', 'supergraph.graphql'), 'utf8'), process.env);
  const config = gatewayConfig();
  const verifyClient = clientTokenVerifier(config.clientTokens);
  const identityKey = loadPrivateKey('GATEWAY_IDENTITY', config.identityKey);
  const identities = new WeakMap<IncomingMessage, Identity>();
  const runtime = createGatewayRuntime({
    supergraph: sdl,
    // GraphiQL and the landing page load their assets from a CDN in the browser; the benchmark needs neither.
    graphiql: false,
    landingPage: false,
    logging: 'warn',
    propagateHeaders: {
      async fromClientToSubgraphs({ context, subgraphName }) {
        const identity = context.req && identities.get(context.req);
        return identity ? { [IDENTITY_HEADER]: await signIdentity(identity, subgraphName, identityKey) } : undefined;
      },
    },
  });
  const port = readPort(process.env.PEER_PORT, 4001, 'PEER_PORT');
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname === '/healthcheck') return runtime(req, res);
    verifyClient(req.headers.authorization).then(
      (identity) => {
        identities.set(req, identity);
        runtime(req, res);
      },
      (error: unknown) => {
        if (error instanceof RequestRefused)
          return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: error.code } }] });
        sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      },
    );
  });
  server.listen(port, listenHost(), () => console.log(`hive peer gateway listening at http://${listenHost()}:${port}/graphql`));
  const shutdown = () => {
    server.close();
    void Promise.resolve(runtime.dispose()).finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main();
