import type autocannon from 'autocannon';
import type { Operation, Target } from './operations';
import { nextRequest, type Auth } from './sanity';
import { median } from './stats';

export interface Probe {
  operation: string;
  target: Target;
  /** Latency in ms of each request, sent one at a time; index i is the same request body for every target. */
  latencies: number[];
  median: number;
}

/**
 * Latency without load: each request alone, the same body to every target in turn. Under load the
 * tables measure queueing for the database as much as the gateways; this is each hop's own cost.
 * The order of the targets rotates, since whichever goes first warms FerretDB's page cache for the rest.
 */
export async function probeOperations(
  ops: readonly Operation[],
  urls: Record<Target, string>,
  auth: Auth,
  count: number,
): Promise<Probe[]> {
  const probes: Probe[] = [];
  for (const op of ops) {
    if (op.key === 'mixed') continue; // writes; its reads are probed as their own operations
    // One list per target, stepped together, so that request i is the same question to every target.
    const lists = new Map<Target, autocannon.Request>();
    for (const target of op.targets) lists.set(target, op.requests(await auth(target))[0]);
    const times = new Map<Target, number[]>(op.targets.map((t) => [t, []]));
    for (let i = 0; i < count; i++) {
      const requests = new Map([...lists].map(([target, list]) => [target, nextRequest(list)]));
      const order = op.targets.map((_, k) => op.targets[(i + k) % op.targets.length]);
      for (const target of order) {
        const request = requests.get(target);
        if (!request) continue;
        const started = performance.now();
        const response = await fetch(urls[target], { method: 'POST', headers: request.headers, body: request.body });
        await response.arrayBuffer();
        times.get(target)?.push(performance.now() - started);
      }
    }
    for (const [target, latencies] of times) probes.push({ operation: op.key, target, latencies, median: median(latencies) });
  }
  return probes;
}

/** Median over requests of (target − other) for the same request: the pairing removes the spread between inputs. */
export function pairedOverhead(probes: readonly Probe[], operation: string, target: Target, other: Target): number {
  const a = probes.find((p) => p.operation === operation && p.target === target);
  const b = probes.find((p) => p.operation === operation && p.target === other);
  if (!a || !b) return Number.NaN;
  return median(a.latencies.map((latency, i) => latency - b.latencies[i]));
}
