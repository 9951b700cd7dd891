import type { KeyObject } from 'node:crypto';
import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { IDENTITY_HEADER, signIdentity } from '../platform/internalToken';
import { domainError, ErrorCode } from '../platform/errors';
import type { GatewayContext } from './apolloServer';
import { InFlightQueries } from './inFlight';
import { subgraphHttp } from './subgraphHttp';
import { unansweredEntities } from './unanswered';
import type { AgencyTimeouts } from './config';

/** What a subgraph answers, as the gateway's data sources return it. */
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/**
 * One data source per subgraph. Nothing of the client's request reaches a subgraph except what this
 * hook adds: the verified identity, re-signed by the gateway, never the client's own token (a subgraph
 * holding it could replay it against the gateway).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  // The GraphQL body is copied; the HTTP response it came with (headers, read once) is shared.
  private readonly inFlight = new InFlightQueries<SubgraphResponse>(({ http, ...body }) => ({ ...structuredClone(body), http }));

  constructor(
    options: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    /** The subgraph this source calls: the audience of the identity it signs (platform/internalToken.ts). */
    private readonly subgraph: string,
    private readonly identityKey: KeyObject,
  ) {
    super(options);
  }

  /** Sends the subgraph operation; an entity fetch the agency did not answer comes back with its fields null. */
  override async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    try {
      return await this.shared(options);
    } catch (error) {
      // The other agencies' answers go on, the missing one's fields null (unanswered.ts).
      const partial = unansweredEntities(options, error);
      if (partial) return partial;
      throw error;
    }
  }

  /**
   * Shares an identical query already on its way to this subgraph, but only between callers with the same
   * identity: what an agency answers depends on who asks. Never a mutation, which must run once per request.
   */
  private shared(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const identity = 'identity' in options.context ? options.context.identity : undefined;
    const { query, variables } = options.request;
    if (!identity || !isQueryText(query)) return super.process(options);
    const key = JSON.stringify([identity.userId, identity.roles, identity.court, identity.agency, identity.officerId, query, variables]);
    return this.inFlight.run(key, () => super.process(options));
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers) return;
    headers.delete('authorization');
    // The gateway's own requests (none today: the supergraph is static) carry no identity and are refused.
    if ('identity' in context && context.identity)
      headers.set(IDENTITY_HEADER, await signIdentity(context.identity, this.subgraph, this.identityKey));
  }

  /**
   * A subgraph answers 400 for what the gateway cannot check itself, such as a variable of a custom
   * scalar (Cents, Date, DateTime) that the subgraph's parser refuses. Apollo's own error would show the
   * client the subgraph's URL and whole answer under INTERNAL_SERVER_ERROR; the client gets the
   * subgraph's first error instead, message and code, and never the address an agency listens on.
   */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const { response: answer, ...extensions } = error.extensions;
    const first = firstError(answer);
    if (first)
      return new GraphQLError(first.message, { extensions: { code: first.code ?? extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR } });
    return new GraphQLError(error.message, { extensions });
  }
}

/** The first error of the GraphQL body Apollo's errorFromResponse keeps in extensions.response.body. */
function firstError(answer: unknown): { message: string; code?: string } | undefined {
  const body = typeof answer === 'object' && answer !== null && 'body' in answer ? answer.body : undefined;
  const errors =
    typeof body === 'object' && body !== null && 'errors' in body && Array.isArray(body.errors) ? (body.errors as unknown[]) : [];
  const first = errors[0] as { message?: unknown; extensions?: { code?: unknown } } | undefined;
  if (typeof first?.message !== 'string') return undefined;
  return { message: first.message, code: typeof first.extensions?.code === 'string' ? first.extensions.code : undefined };
}

/*
 * A subgraph that cannot be reached is reported by name, so the officer knows which register did not
 * answer while the others' data still arrives.
 */
export function agencyFetcher(name: string, timeouts: AgencyTimeouts): RemoteGraphQLDataSource['fetcher'] {
  const send = subgraphHttp();
  return async (url, init) => {
    const query = isQuery(init?.body);
    const timeoutMs = query ? timeouts.readMs : timeouts.writeMs;
    try {
      return await send(url, init, timeoutMs).catch((error: unknown) => {
        // One retry for a query whose connection failed (a restarting agency); never a mutation, which may have run.
        if (isTimeout(error) || !query) throw error;
        return send(url, init, timeoutMs);
      });
    } catch (error) {
      if (isTimeout(error)) {
        throw domainError(ErrorCode.AGENCY_UNAVAILABLE, `agency ${name} did not answer within ${timeoutMs} ms`, { agency: name });
      }
      // The code only (ECONNREFUSED, ECONNRESET): the message would show internal addresses to clients.
      const code = field(error, 'code');
      const cause = typeof code === 'string' ? code : 'unreachable';
      throw domainError(ErrorCode.AGENCY_UNAVAILABLE, `agency ${name} did not answer (${cause})`, { agency: name });
    }
  };
}

/* Read by property, not `instanceof Error`: under jest, errors of Node's own modules come from another realm. */
function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function isTimeout(error: unknown): boolean {
  const name = field(error, 'name');
  return name === 'TimeoutError' || name === 'AbortError';
}

/** The gateway's subgraph operations start with their keyword; only queries are safe to send twice or share. */
function isQueryText(query: unknown): boolean {
  return typeof query === 'string' && /^\s*(query\b|\{)/.test(query);
}

function isQuery(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  try {
    return isQueryText((JSON.parse(body) as { query?: unknown }).query);
  } catch {
    return false;
  }
}
