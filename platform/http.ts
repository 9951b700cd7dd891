import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from '@apollo/server';

/** A route answered before GraphQL: health checks, the GraphiQL page, its assets. */
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface HttpOptions<TContext extends BaseContext> {
  path?: string;
  maxBodyBytes?: number;
  routes?: Route[];
  /**
   * Built before the body is read, so a request it refuses (throwing RequestRefused, e.g. with no valid
   * identity) costs neither the upload nor any GraphQL work.
   */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Sees each request once its body is read, before Apollo does; may refuse it by throwing RequestRefused. */
  inspect?: (request: HTTPGraphQLRequest) => void;
}

/** Long enough for a subgraph call at its timeout to come back; short of an orchestrator's kill (30 s). */
const SHUTDOWN_GRACE_MS = 25_000;

export interface Listening {
  url: string;
  port: number;
  server: Server;
  /** Stops accepting, lets requests in flight finish for up to SHUTDOWN_GRACE_MS, then closes what is left. */
  close(): Promise<void>;
}

/** Refuses a request before GraphQL runs: answered with `status` and a GraphQL error body carrying `code`. */
export class RequestRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class PayloadTooLarge extends RequestRefused {
  constructor(message: string) {
    super(413, 'BAD_REQUEST', message);
  }
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new PayloadTooLarge(`request body over ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function toHeaderMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

async function toGraphQLRequest(req: IncomingMessage, maxBodyBytes: number): Promise<HTTPGraphQLRequest> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const headers = toHeaderMap(req);
  const raw = req.method === 'POST' ? await readBody(req, maxBodyBytes) : '';
  let body: unknown = raw;
  if (raw && (headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(raw);
    } catch {
      body = raw; // Apollo Server answers 400 with a GraphQL error body for a body it cannot use
    }
  }
  return { method: req.method ?? 'GET', headers, search: url.search, body };
}

/** Serves an Apollo Server (subgraph or gateway) on node:http, with extra routes tried first. */
export async function serveGraphQL<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  port: number,
  host: string,
  options: HttpOptions<TContext>,
): Promise<Listening> {
  const path = options.path ?? '/graphql';
  const maxBodyBytes = options.maxBodyBytes ?? 1_000_000;
  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      // The rest of a refused body is never read, so the connection cannot carry another request.
      if (error instanceof PayloadTooLarge) res.setHeader('connection', 'close');
      if (error instanceof RequestRefused)
        return sendJson(res, error.status, { errors: [{ message: error.message, extensions: { ...error.extensions, code: error.code } }] });
      sendJson(res, 500, { errors: [{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const route of options.routes ?? []) if (await route(req, res)) return;
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname !== path) return sendJson(res, 404, { error: 'not found' });
    const context = await options.context(req);
    const httpGraphQLRequest = await toGraphQLRequest(req, maxBodyBytes);
    options.inspect?.(httpGraphQLRequest);
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => context });
    const headers: Record<string, string> = {};
    for (const [name, value] of response.headers) headers[name] = value;
    res.writeHead(response.status ?? 200, headers);
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${address.port}${path}`,
    port: address.port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        // Requests in flight finish; idle keep-alive sockets are closed so close() does not wait for clients.
        // One stuck upstream must not keep the process from stopping: after the grace period, cut what is left.
        const cut = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
