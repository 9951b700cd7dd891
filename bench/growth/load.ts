import { runLoad } from '../load';
import type { BenchInputs } from '../inputs';
import { operations, type HeadersFor, type Target } from '../operations';
import type { Stack } from '../stack';
import { median } from '../stats';

export interface LoadComparison {
  key: string;
  title: string;
  connections: number;
  /** Medians over the runs. */
  gateway: { rps: number; p50: number; p95: number };
  peer: { rps: number; p50: number; p95: number };
  failures: number;
}

/** Closed-loop load on our gateway and the Hive peer in turn (the order rotating), as `npm run bench` measures it. */
export async function compareGateways(
  stack: Stack,
  inputs: BenchInputs,
  auth: (target: Target) => Promise<HeadersFor>,
  options: { duration: number; runs: number },
): Promise<LoadComparison[]> {
  // The main bench's operations and pools (operations.ts): its panorama walks the debtors holding the most
  // categories, not the growth operations' typical ones, so its figures compare the gateways, not the scales.
  const plan = [
    { key: 'case-lookup', connections: 50, pool: `${inputs.caseNumbers.length} open cases` },
    { key: 'panorama', connections: 10, pool: `the ${inputs.debtors.length} debtors holding the most categories` },
  ];
  const all = operations(inputs, 100);
  const results: LoadComparison[] = [];
  for (const { key, connections, pool } of plan) {
    const op = all.find((o) => o.key === key);
    if (!op) throw new Error(`no operation ${key}`);
    const targets: Target[] = ['gateway', 'peer'];
    const runs = new Map<Target, { rps: number; p50: number; p95: number }[]>(targets.map((t) => [t, []]));
    let failures = 0;
    const load = async (target: Target, duration: number) => {
      const url = target === 'gateway' ? stack.gateway.url : stack.peer.url;
      const result = await runLoad({ url, connections, duration, timeout: 30, requests: op.requests(await auth(target)) }, stack.processes);
      failures += result.errors + result.non2xx + result.graphqlErrors;
      return result;
    };
    for (const target of targets) await load(target, 2);
    failures = 0;
    for (let run = 0; run < options.runs; run++) {
      for (const target of run % 2 === 0 ? targets : [...targets].reverse()) {
        const r = await load(target, options.duration);
        console.log(`load ${key} → ${target} run ${run + 1}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} ms`);
        runs.get(target)?.push({ rps: r.rps, p50: r.p50, p95: r.p95 });
      }
    }
    const med = (target: Target) => {
      const list = runs.get(target) ?? [];
      return { rps: median(list.map((r) => r.rps)), p50: median(list.map((r) => r.p50)), p95: median(list.map((r) => r.p95)) };
    };
    results.push({ key, title: `${op.title} (${pool})`, connections, gateway: med('gateway'), peer: med('peer'), failures });
  }
  return results;
}
