import type { GraphQLResponse } from './harness';
import type { Sent } from './faultGraph';

/** One request of a load, with when it started and ended (ms on the performance clock). */
export interface Outcome<TData = Record<string, unknown>> {
  kind: 'read' | 'seal';
  /** The seal's idempotency key. */
  key?: string;
  startedAt: number;
  endedAt: number;
  sent: Sent<TData>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `done` holds; fails the test, naming `what`, when it does not within `timeoutMs`. */
export async function waitUntil(what: string, done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

type GraphQLError = NonNullable<GraphQLResponse['errors']>[number];

/** Errors of a response that are not `agency` reported unavailable: what no fault of that agency may cause. */
export function otherThanUnavailable(body: GraphQLResponse | null, agency: string): (GraphQLError | string)[] {
  if (!body) return ['no JSON body'];
  return (body.errors ?? []).filter(
    (e) => e.extensions?.code !== 'AGENCY_UNAVAILABLE' || e.extensions.agency !== agency || !e.message.includes(agency),
  );
}
