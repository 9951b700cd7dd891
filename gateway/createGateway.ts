import { ApolloGateway } from '@apollo/gateway';
import { envKey, listenHost } from '../platform/config';
import { gatewayConfig, type GatewayConfig } from './config';
import { healthRoutes } from '../platform/health';
import { serveGraphQL } from '../platform/http';
import { loadPrivateKey } from '../platform/signing';
import { gatewayApolloServer } from './apolloServer';
import { clientTokenVerifier } from './auth/clientTokens';
import { graphiqlRoute } from './graphiql';
import { limitsPreflight } from './preflight';
import { agencyFetcher, SubgraphDataSource } from './subgraphDataSource';
import { subgraphNamesAndUrls } from './supergraph';

export type { GatewayContext } from './apolloServer';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Per-subgraph URL, by the subgraph's name in the supergraph, replacing the URL composed into it. */
  subgraphUrls?: Record<string, string>;
  /** Switches, limits and keys: from the environment (gateway/config.ts) unless a test brings its own. */
  config?: GatewayConfig;
  exampleQuery?: string;
  /** The bearer token GraphiQL starts with; `npm start` passes the development officer's. */
  graphiqlToken?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Set here rather than in a start script or deployment file: in @apollo/gateway 2.14 the constructor
 * otherwise starts an OpenTelemetry exporter that reports to Apollo, and no deployment may forget to stop it.
 */
function disableApolloTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}

export function createGateway(options: GatewayOptions): { start(port: number, host?: string): Promise<RunningGateway> } {
  disableApolloTelemetry();
  const config = options.config ?? gatewayConfig();
  const composedUrls = subgraphNamesAndUrls(options.supergraphSdl);
  const overrides = options.subgraphUrls ?? {};
  // A misspelt override would otherwise be ignored silently and the gateway would call the composed URL.
  const unknown = Object.keys(overrides).filter((name) => !(name in composedUrls));
  if (unknown.length > 0) throw new Error(`subgraphUrls names no subgraph of the supergraph: ${unknown.join(', ')}`);
  // The page would hand the token to anyone who opens it.
  if (options.graphiqlToken && config.production) throw new Error('GraphiQL may not carry a token in production');
  // Keys load here, not on the first request: production without them refuses to start.
  const verifyClient = clientTokenVerifier(config.clientTokens);
  const identityKey = loadPrivateKey('GATEWAY_IDENTITY', config.identityKey);

  return {
    async start(port, host = listenHost()) {
      // Open without a token: the health check and the GraphiQL page (which itself sends a token with each query).
      let draining = false;
      const health = healthRoutes({ draining: () => draining });
      const routes = config.graphiql ? [health, graphiqlRoute(options.exampleQuery, options.graphiqlToken)] : [health];
      const gateway = new ApolloGateway({
        supergraphSdl: options.supergraphSdl,
        buildService({ name, url }) {
          const target = overrides[name] || url;
          if (!target) throw new Error(`subgraph ${name} has no URL in the supergraph and no override`);
          const timeouts = { ...config.subgraphTimeouts, ...config.agencyTimeouts[envKey(name)] };
          return new SubgraphDataSource({ url: target, fetcher: agencyFetcher(name, timeouts) }, name, identityKey);
        },
      });
      const apollo = gatewayApolloServer(gateway, config);
      await apollo.start();
      try {
        const http = await serveGraphQL(apollo, port, host, {
          context: async (req) => ({ identity: await verifyClient(req.headers.authorization) }),
          routes,
          maxBodyBytes: config.maxBodyBytes,
          inspect: limitsPreflight(config),
        });
        return {
          url: http.url,
          port: http.port,
          async stop() {
            draining = true;
            await http.close();
            await apollo.stop();
          },
        };
      } catch (error) {
        await apollo.stop();
        throw error;
      }
    },
  };
}
