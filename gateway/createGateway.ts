import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { listenHost } from '../subgraphs/kit/config';
import { domainError, ErrorCode } from '../subgraphs/kit/errors';
import { sendJson, serveGraphQL, type Route } from '../subgraphs/kit/http';
import { graphiqlRoute } from './graphiql';
import { subgraphNamesAndUrls } from './supergraph';

export interface GatewayOptions {
  supergraphSdl: string;
  /** Per-subgraph URL, by the subgraph's name in the supergraph, replacing the URL composed into it. */
  subgraphUrls?: Record<string, string>;
  graphiql?: boolean;
  exampleQuery?: string;
}

export interface RunningGateway {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export type GatewayContext = BaseContext;

/** One data source per subgraph; the hook is where verified identity will be forwarded. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(_options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Nothing from the client is forwarded yet: a subgraph request carries only what this hook adds.
  }
}

/*
 * Node's global fetch (undici) rather than the data source's default make-fetch-happen: both keep
 * connections alive, but make-fetch-happen also routes through any HTTP(S)_PROXY in the environment,
 * which would send court data to a proxy nobody configured for the subgraphs.
 * A subgraph that cannot be reached is reported by name, so the officer knows which register did not
 * answer while the others' data still arrives.
 */
function agencyFetcher(name: string): RemoteGraphQLDataSource['fetcher'] {
  return async (url, init) => {
    try {
      return await fetch(url, init);
    } catch (error) {
      // The cause's code only (ECONNREFUSED, ETIMEDOUT): its message would show internal addresses to clients.
      const cause = error instanceof Error && error.cause instanceof Error ? ((error.cause as NodeJS.ErrnoException).code ?? 'unreachable') : 'unreachable';
      throw domainError(ErrorCode.AGENCY_UNAVAILABLE, `agency ${name} did not answer (${cause})`, { agency: name });
    }
  };
}

/**
 * Set here rather than in a start script or deployment file: in @apollo/gateway 2.14 the constructor
 * otherwise starts an OpenTelemetry exporter that reports to Apollo, and no deployment may forget to stop it.
 */
function disableApolloTelemetry(): void {
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
}

const health: Route = (req, res) => {
  if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/health') return false;
  sendJson(res, 200, { status: 'ok' });
  return true;
};

export function createGateway(options: GatewayOptions): { start(port: number, host?: string): Promise<RunningGateway> } {
  disableApolloTelemetry();
  const composedUrls = subgraphNamesAndUrls(options.supergraphSdl);
  const overrides = options.subgraphUrls ?? {};
  // A misspelt override would otherwise be ignored silently and the gateway would call the composed URL.
  const unknown = Object.keys(overrides).filter((name) => !(name in composedUrls));
  if (unknown.length > 0) throw new Error(`subgraphUrls names no subgraph of the supergraph: ${unknown.join(', ')}`);

  return {
    async start(port, host = listenHost()) {
      const routes = options.graphiql === false ? [health] : [health, graphiqlRoute(options.exampleQuery)];
      const gateway = new ApolloGateway({
        supergraphSdl: options.supergraphSdl,
        buildService({ name, url }) {
          const target = overrides[name] || url;
          if (!target) throw new Error(`subgraph ${name} has no URL in the supergraph and no override`);
          return new SubgraphDataSource({ url: target, fetcher: agencyFetcher(name) });
        },
      });
      const apollo = new ApolloServer<GatewayContext>({
        gateway,
        // Apollo's landing page loads from a CDN; usage and schema reports would leave for Apollo's cloud
        // whenever an APOLLO_KEY happens to be in the environment.
        plugins: [
          ApolloServerPluginLandingPageDisabled(),
          ApolloServerPluginUsageReportingDisabled(),
          ApolloServerPluginSchemaReportingDisabled(),
        ],
        includeStacktraceInErrorResponses: process.env.NODE_ENV === 'development',
      });
      await apollo.start();
      try {
        const http = await serveGraphQL(apollo, port, host, { context: async () => ({}), routes });
        return {
          url: http.url,
          port: http.port,
          async stop() {
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
