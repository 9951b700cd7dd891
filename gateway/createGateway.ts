import type { KeyObject } from 'node:crypto';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { IDENTITY_HEADER, signIdentity } from '../subgraphs/kit/auth/internalToken';
import { gatewayConfig, listenHost, type GatewayConfig } from '../subgraphs/kit/config';
import { domainError, ErrorCode } from '../subgraphs/kit/errors';
import { healthRoutes } from '../subgraphs/kit/health';
import { serveGraphQL } from '../subgraphs/kit/http';
import { loadPrivateKey } from '../subgraphs/kit/signing';
import { gatewayApolloServer, type GatewayContext } from './apolloServer';
import { clientTokenVerifier } from './auth/clientTokens';
import { graphiqlRoute } from './graphiql';
import { limitsPreflight } from './preflight';
import { subgraphNamesAndUrls } from './supergraph';

export type { GatewayContext } from './apolloServer';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Per-subgraph URL, by the subgraph's name in the supergraph, replacing the URL composed into it. */
  subgraphUrls?: Record<string, string>;
  /** Switches, limits and keys: from the environment (kit/config.ts) unless a test brings its own. */
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
 * One data source per subgraph. Nothing of the client's request reaches a subgraph except what this
 * hook adds: the verified identity, re-signed by the gateway, never the client's own token (a subgraph
 * holding it could replay it against the gateway).
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly identityKey: KeyObject,
  ) {
    super(options);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.delete('authorization');
    // The gateway's own requests (none today: the supergraph is static) carry no identity and are refused.
    if ('identity' in context && context.identity) headers.set(IDENTITY_HEADER, await signIdentity(context.identity, this.identityKey));
  }
}

/*
 * Node's global fetch (undici) rather than the data source's default make-fetch-happen: both keep
 * connections alive, but make-fetch-happen also routes through any HTTP(S)_PROXY in the environment,
 * which would send court data to a proxy nobody configured for the subgraphs.
 * A subgraph that cannot be reached is reported by name, so the officer knows which register did not
 * answer while the others' data still arrives.
 */
function agencyFetcher(name: string, timeoutMs: number): RemoteGraphQLDataSource['fetcher'] {
  const attempt = (url: string, init: Parameters<typeof fetch>[1]) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  return async (url, init) => {
    try {
      return await attempt(url, init).catch((error: unknown) => {
        // One retry for a query whose connection failed (a restarting agency); never a mutation, which may have run.
        if (isTimeout(error) || !isQuery(init?.body)) throw error;
        return attempt(url, init);
      });
    } catch (error) {
      if (isTimeout(error)) {
        throw domainError(ErrorCode.AGENCY_UNAVAILABLE, `agency ${name} did not answer within ${timeoutMs} ms`, { agency: name });
      }
      // The cause's code only (ECONNREFUSED, ETIMEDOUT): its message would show internal addresses to clients.
      const cause = error instanceof Error && error.cause instanceof Error ? ((error.cause as NodeJS.ErrnoException).code ?? 'unreachable') : 'unreachable';
      throw domainError(ErrorCode.AGENCY_UNAVAILABLE, `agency ${name} did not answer (${cause})`, { agency: name });
    }
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** The gateway's subgraph operations start with their keyword; only queries are safe to send twice. */
function isQuery(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query;
    return typeof query === 'string' && /^\s*(query\b|\{)/.test(query);
  } catch {
    return false;
  }
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
          return new SubgraphDataSource({ url: target, fetcher: agencyFetcher(name, config.subgraphTimeoutMs ?? 30_000) }, identityKey);
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
