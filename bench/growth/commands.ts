import { commandsCounted } from '../../subgraphs/kit/databaseMetrics';
import type { Endpoint } from '../stack';

/** mongodb_commands_total of each subgraph (subgraphs/kit/databaseMetrics.ts), summed over command names. */
export async function commandsSent(subgraphs: readonly Endpoint[]): Promise<Map<string, number>> {
  const counts = await Promise.all(
    subgraphs.map(async ({ name, url }) => {
      const response = await fetch(new URL('/metrics', url));
      if (!response.ok) throw new Error(`${name} answered ${response.status} at /metrics`);
      return [name, commandsCounted(await response.text())] as const;
    }),
  );
  return new Map(counts);
}

export function sent(before: ReadonlyMap<string, number>, after: ReadonlyMap<string, number>): Map<string, number> {
  return new Map([...after].map(([name, count]) => [name, count - (before.get(name) ?? 0)]));
}

/**
 * Commands per second the subgraphs send with no request at all: the outbox dispatchers poll and the
 * access-log checkpointer ticks. Subtracted from what a run of requests counted, over the run's time.
 */
export async function idleRate(subgraphs: readonly Endpoint[], ms: number): Promise<Map<string, number>> {
  const before = await commandsSent(subgraphs);
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const seconds = (performance.now() - started) / 1000;
  return new Map([...sent(before, await commandsSent(subgraphs))].map(([name, count]) => [name, count / seconds]));
}
