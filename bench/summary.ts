import type { RunResult } from './load';
import type { Operation, Target } from './operations';
import { LOAD_GENERATOR, OUTSIDE } from './proc';
import { median } from './stats';

/** The process each target's requests land on first, whose memory is that target's. */
export const TARGET_PROCESS: Record<Target, string> = { gateway: 'gateway', peer: 'hive', floor: 'court' };

export interface OperationResult {
  operation: Operation;
  runs: Map<Target, RunResult[]>;
  /** Access-log entries each subgraph appended during the operation's warm-ups and runs. */
  accessLog: Map<string, number>;
}

export interface TargetSummary {
  target: Target;
  rps: number;
  rpsRuns: number[];
  /** Median responses per run: how many latencies the percentiles rest on. */
  responses: number;
  p50: number;
  p95: number;
  p95Runs: number[];
  p99: number;
  errors: number;
  non2xx: number;
  graphqlErrors: number;
  /** Every failed request of every run together: the "no errors" target allows none in any run. */
  failuresAllRuns: number;
  /** Peak over all runs, of the target's own process. */
  rssPeak: number;
  /** Median over runs of CPU milliseconds per response, by group of processes. */
  cpuPerRequest: { target: number; subgraphs: number; ferretdb: number; loadGenerator: number };
  /** Cores FerretDB kept busy during the runs (median), whether or not requests completed. */
  ferretdbCores: number;
  /** Cores used by everything outside the benchmark during the runs (median): other users' work disturbs every figure. */
  outsideCores: number;
  firstError?: string;
}

export interface OperationSummary {
  operation: Operation;
  accessLog: Map<string, number>;
  targets: TargetSummary[];
  /** Our gateway's throughput over the peer's. */
  ratioToPeer: number;
  /** p95 over the floor's p95, in ms, where there is a floor. */
  overhead?: { gateway: number; peer: number };
}

function cpuPerRequest(runs: RunResult[], target: Target, subgraphNames: readonly string[]): TargetSummary['cpuPerRequest'] {
  // A run that completed nothing has no cost per request, only a total; it is left out rather than divided by one.
  const completed = runs.filter((run) => run.responses > 0);
  const per = (pick: (run: RunResult) => number) => median(completed.map((run) => (pick(run) * 1000) / run.responses));
  const sum = (run: RunResult, names: readonly string[]) => names.reduce((total, name) => total + (run.cpu.get(name) ?? 0), 0);
  const own = TARGET_PROCESS[target];
  return {
    // The floor's own process is the court subgraph, so it is counted there and not twice.
    target: target === 'floor' ? 0 : per((run) => run.cpu.get(own) ?? 0),
    subgraphs: per((run) => sum(run, subgraphNames)),
    ferretdb: per((run) => run.cpu.get('FerretDB') ?? 0),
    loadGenerator: per((run) => run.cpu.get(LOAD_GENERATOR) ?? 0),
  };
}

export function summarise(result: OperationResult, subgraphNames: readonly string[]): OperationSummary {
  const targets = [...result.runs].map(([target, runs]): TargetSummary => ({
    target,
    rps: median(runs.map((r) => r.rps)),
    rpsRuns: runs.map((r) => r.rps),
    responses: median(runs.map((r) => r.responses)),
    p50: median(runs.map((r) => r.p50)),
    p95: median(runs.map((r) => r.p95)),
    p95Runs: runs.map((r) => r.p95),
    p99: median(runs.map((r) => r.p99)),
    errors: median(runs.map((r) => r.errors)),
    non2xx: median(runs.map((r) => r.non2xx)),
    graphqlErrors: median(runs.map((r) => r.graphqlErrors)),
    failuresAllRuns: runs.reduce((sum, r) => sum + r.errors + r.non2xx + r.graphqlErrors, 0),
    rssPeak: Math.max(...runs.map((r) => r.rss.get(TARGET_PROCESS[target]) ?? 0)),
    cpuPerRequest: cpuPerRequest(runs, target, subgraphNames),
    ferretdbCores: median(runs.map((r) => (r.cpu.get('FerretDB') ?? 0) / Math.max(r.seconds, 1e-9))),
    outsideCores: median(runs.map((r) => (r.cpu.get(OUTSIDE) ?? 0) / Math.max(r.seconds, 1e-9))),
    firstError: runs.find((r) => r.firstError)?.firstError,
  }));
  const of = (target: Target) => targets.find((t) => t.target === target);
  const gateway = of('gateway');
  const peer = of('peer');
  const floor = of('floor');
  return {
    operation: result.operation,
    accessLog: result.accessLog,
    targets,
    ratioToPeer: gateway && peer && gateway.rps > 0 && peer.rps > 0 ? gateway.rps / peer.rps : Number.NaN,
    overhead: gateway && peer && floor ? { gateway: gateway.p95 - floor.p95, peer: peer.p95 - floor.p95 } : undefined,
  };
}

export interface Verdict {
  target: string;
  met: boolean;
  detail: string;
}

export const OVERHEAD_TARGET_MS = 15;
export const RSS_TARGET_MB = 300;

export function verdicts(all: readonly OperationSummary[], gatewayRssPeak: number, connections: number): Verdict[] {
  const fmt = (n: number) => n.toFixed(2);
  const summaries = all.filter((s) => s.operation.judged);
  const unjudged = all.filter((s) => !s.operation.judged).map((s) => `${s.operation.title}, not judged: ×${fmt(s.ratioToPeer)}`);
  const slower = summaries.filter((s) => !(s.ratioToPeer >= 1));
  // The paced lookup is not judged on throughput (both gateways answer the offered rate) but its overhead counts.
  const withFloor = all.filter((s) => s.overhead);
  const overheads = withFloor.map((s) => {
    const overhead = (s.overhead as { gateway: number }).gateway;
    return `${s.operation.title}: ${Number.isFinite(overhead) ? `${overhead.toFixed(1)} ms` : 'not measurable, no request completed within a run'}`;
  });
  const errorful = summaries.flatMap((s) =>
    s.targets
      .filter((t) => t.target === 'gateway' && t.failuresAllRuns > 0)
      .map((t) => `${s.operation.title}: ${t.failuresAllRuns} failed requests over all runs`),
  );
  return [
    {
      target: 'Our gateway’s throughput ≥ the peer’s on every operation',
      met: slower.length === 0,
      detail: [
        ...summaries.map(
          (s) =>
            `${s.operation.title}: ${Number.isFinite(s.ratioToPeer) ? `×${fmt(s.ratioToPeer)}` : 'no comparison, a target completed no request'}`,
        ),
        ...unjudged,
      ].join('; '),
    },
    {
      target: `p95 overhead over the floor ≤ ${OVERHEAD_TARGET_MS} ms at ${connections} connections`,
      met:
        withFloor.length > 0 &&
        withFloor.every((s) => (s.overhead as { gateway: number }).gateway <= OVERHEAD_TARGET_MS) &&
        connections >= 50,
      detail: `${overheads.join('; ')}${connections < 50 ? ` (measured at ${connections} connections, not 50)` : ''}`,
    },
    {
      target: `Gateway RSS ≤ ${RSS_TARGET_MB} MB`,
      met: gatewayRssPeak <= RSS_TARGET_MB,
      detail: `peak ${gatewayRssPeak.toFixed(0)} MB over every run`,
    },
    {
      target: 'No errors (our gateway)',
      met: errorful.length === 0,
      detail: errorful.length === 0 ? 'none in any operation' : errorful.join('; '),
    },
  ];
}
