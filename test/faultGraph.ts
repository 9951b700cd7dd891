import { startHarness, type GraphQLResponse, type Harness, type HarnessOptions } from './harness';
import { authorizationFor, type QueryAs } from './identities';

/** One request as the client saw it: the HTTP status, the body if it was JSON, and how long it took. */
export interface Sent<TData> {
  status: number;
  body: GraphQLResponse<TData> | null;
  ms: number;
}

/** The harness's graph, sending requests as a fault test watches them: status, body if any, duration. */
export interface FaultGraph extends Harness {
  send<TData = Record<string, unknown>>(query: string, variables: Record<string, unknown>, as: QueryAs): Promise<Sent<TData>>;
}

export async function startFaultGraph(options: HarnessOptions): Promise<FaultGraph> {
  const harness = await startHarness(options);
  return {
    ...harness,
    async send<TData>(query: string, variables: Record<string, unknown>, as: QueryAs) {
      const started = performance.now();
      const response = await fetch(harness.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authorizationFor(as)) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      let body: GraphQLResponse<TData> | null = null;
      try {
        body = JSON.parse(text) as GraphQLResponse<TData>;
      } catch {
        // Not JSON: the test asserts on body === null.
      }
      return { status: response.status, body, ms: performance.now() - started };
    },
  };
}
