import type { SeedSummary } from '../seed/province';
import type { BenchInputs } from './inputs';
import type { Machine } from './machine';
import type { Target } from './operations';
import type { BenchOptions } from './options';
import { pairedOverhead, type Probe } from './probe';
import type { SanityCheck } from './sanity';
import { OVERHEAD_TARGET_MS, RSS_TARGET_MB, type OperationSummary, type Verdict } from './summary';

export interface BenchRecord {
  command: string;
  options: BenchOptions;
  machine: Machine;
  versions: Record<string, string>;
  startedAt: Date;
  elapsedSeconds: number;
  seedSeconds: number;
  seeded: SeedSummary;
  inputs: BenchInputs;
  checks: SanityCheck[];
  probes: Probe[];
  /** Cores busy outside the bench just before the load began. */
  outsideAtStart: number;
  /** Runs after which the processes were still busy 60 s later: the next run began with their backlog. */
  undrained: string[];
  summaries: OperationSummary[];
  /** Collections that grew between the seed and the end of the load. */
  added: { collection: string; before: number; after: number }[];
  /** Per process: RSS after start, and peaks while our gateway's and while the peer's runs were going. */
  rss: { name: string; idle: number; gatewayRuns: number; peerRuns: number }[];
  verdicts: Verdict[];
  /** Sentences about this run's figures, written from the data (see reading.ts). */
  reading: string[];
}

const LABEL: Record<Target, string> = {
  gateway: 'our gateway (@apollo/gateway)',
  peer: 'peer (Hive gateway runtime)',
  floor: 'floor (court subgraph, direct)',
};

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const signed = (n: number) => (Number.isFinite(n) ? `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(1)}` : '–');
const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const table = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function operationSection(s: OperationSummary, options: BenchOptions): string {
  const connections = s.operation.fanout ? options.fanoutConnections : options.connections;
  const rows = s.targets.map((t) => [
    LABEL[t.target],
    num(t.rps, 1),
    t.rpsRuns.map((r) => num(r, 1)).join(', '),
    num(t.responses),
    ms(t.p50),
    ms(t.p95),
    ms(t.p99),
    num(t.errors),
    num(t.non2xx),
    num(t.graphqlErrors),
    num(t.rssPeak),
  ]);
  const lines = [
    `### ${s.operation.title}`,
    '',
    `${s.operation.description}. **${connections} connections.**`,
    '',
    table(
      [
        'target',
        'req/s (median)',
        'req/s per run',
        'responses per run',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'errors',
        'non-2xx',
        'GraphQL errors',
        'peak RSS of target process (MB)',
      ],
      rows,
    ),
    '',
    Number.isFinite(s.ratioToPeer)
      ? `Ratio of our gateway's throughput to the peer's: **×${num(s.ratioToPeer, 2)}**.`
      : 'No ratio to the peer: a target completed no request within a run.',
  ];
  if (s.overhead) {
    lines.push(
      `p95 overhead over the floor: **our gateway ${signed(s.overhead.gateway)} ms**, the peer ${signed(s.overhead.peer)} ms (target ≤ ${OVERHEAD_TARGET_MS} ms).`,
    );
  }
  const logged = [...s.accessLog].sort((a, b) => b[1] - a[1]);
  if (logged.length > 0) {
    lines.push(
      `Access-log entries appended during this operation (warm-ups and runs): ${logged.reduce((sum, [, n]) => sum + n, 0)} (${logged.map(([name, n]) => `${name} ${n}`).join(', ')}).`,
    );
  }
  const failures = s.targets.filter((t) => t.firstError);
  for (const t of failures)
    lines.push('', `First GraphQL error seen from ${LABEL[t.target]}: \`${(t.firstError ?? '').replace(/`/g, "'")}\``);
  return lines.join('\n');
}

function probeSection(probes: readonly Probe[]): string {
  const ops = [...new Set(probes.map((p) => p.operation))];
  const at = (op: string, target: Target) => probes.find((p) => p.operation === op && p.target === target)?.median ?? Number.NaN;
  const rows = ops.map((op) => {
    const overFloor = Number.isFinite(at(op, 'floor'))
      ? `${signed(pairedOverhead(probes, op, 'gateway', 'floor'))} / ${signed(pairedOverhead(probes, op, 'peer', 'floor'))}`
      : '';
    return [
      op,
      ms(at(op, 'gateway')),
      ms(at(op, 'peer')),
      ms(at(op, 'floor')),
      signed(pairedOverhead(probes, op, 'gateway', 'peer')),
      overFloor,
    ];
  });
  return table(['operation', 'our gateway', 'peer', 'floor', 'ours − peer (paired)', 'over the floor, ours / peer (paired)'], rows);
}

function cpuSection(summaries: readonly OperationSummary[]): string {
  const rows = summaries.flatMap((s) =>
    s.targets.map((t) => {
      const c = t.cpuPerRequest;
      return [
        s.operation.title,
        LABEL[t.target],
        t.target === 'floor' ? '–' : ms(c.target),
        ms(c.subgraphs),
        ms(c.ferretdb),
        ms(c.loadGenerator),
        ms(c.target + c.subgraphs + c.ferretdb + c.loadGenerator),
        num(t.outsideCores, 2),
      ];
    }),
  );
  return table(
    ['operation', 'target', 'gateway process', 'all subgraphs', 'FerretDB', 'load generator', 'total', 'cores busy outside the bench'],
    rows,
  );
}

export function renderReport(r: BenchRecord): string {
  const o = r.options;
  const seededCounts = Object.entries(r.seeded)
    .map(
      ([subgraph, counts]) =>
        `${subgraph} (${Object.entries(counts)
          .map(([c, n]) => `${n} ${c}`)
          .join(', ')})`,
    )
    .join('; ');
  return `# Benchmark report

Generated by \`${r.command}\` on ${r.startedAt.toISOString()} (${num(r.elapsedSeconds)} s in all). Every figure is
the **median over ${o.runs} runs** of ${o.duration} s at **${o.connections} concurrent connections**${o.fanoutConnections !== o.connections ? ` (**${o.fanoutConnections}** for the operations that call every subgraph)` : ''}, unless it says peak or alone.

## Targets

${table(
  ['target', 'met?', 'measured'],
  r.verdicts.map((v) => [v.target, v.met ? '**yes**' : '**no**', v.detail]),
)}

## Reading

${r.reading.map((line) => `- ${line}`).join('\n')}

## Machine

${table(
  ['', ''],
  [
    ['CPU', r.machine.cpu],
    ['cores', String(r.machine.cores)],
    ['memory', `${num(r.machine.memoryGiB, 1)} GiB`],
    ['OS', r.machine.os],
  ],
)}

Everything runs on this one machine: the load generator, both gateways, every subgraph and FerretDB
share its ${r.machine.cores} cores, over loopback.

## Versions

${table(
  ['component', 'version'],
  Object.entries(r.versions).map(([k, v]) => [k, v]),
)}

## Settings

- Load: autocannon, closed loop (each connection sends its next request when the last is answered), no pipelining,
  ${o.connections} connections (${o.fanoutConnections} for the operations that call every subgraph), ${o.duration} s per run, ${o.runs} runs, request timeout ${o.timeout} s.
  After every run the bench waits until the processes are idle (under 10 % of a core, for at most 15 s), since both gateways go on serving
  the requests a run left in flight${r.undrained.length ? `; **not idle within 15 s after: ${r.undrained.join(', ')}**` : ''}.
  Before an operation's first run each target gets ${o.warmup} s of unmeasured load (JIT, query-plan caches, connection pools).
  Runs alternate between targets (run 1 of each, then run 2 of each…), in an order that rotates from run to run, so that
  drift affects them alike. Every look at a party is appended to the subgraph's access log (a hash chain) and the logs
  are kept through the whole bench, as in service; the entries each operation appended are given with its results.
- Latency percentiles are computed from every response's latency (autocannon's own histogram has no p95).
- "GraphQL errors": 2xx responses whose body has \`errors\`. Errors and non-2xx as autocannon counts them.
- RSS: VmRSS from /proc every 200 ms; CPU: utime + stime from /proc/<pid>/stat before and after each run, and the
  machine's busy time from /proc/stat, whose remainder is work outside the bench (other users, and the kernel's
  interrupt handling). ${num(r.outsideAtStart, 2)} cores were busy outside the bench just before the probes and the first run.
- Data: a fresh embedded FerretDB in a temporary directory, seeded with seed ${o.seed} and ${o.cases} cases in ${num(r.seedSeconds)} s:
  ${seededCounts}.
- Processes: every subgraph its own Node process (\`subgraphs/<name>/main.ts\`), our gateway \`gateway/main.ts\`, the peer
  \`bench/peer-gateway.ts\`; each subgraph's MongoDB pool ${process.env.MONGODB_MAX_POOL_SIZE ?? '20 (default)'}.
- Inputs, read from the seeded data and walked in turn by all connections together, so that concurrent requests differ:
  ${r.inputs.debtors.length} debtors (respondents of open cases with the most asset categories), ${r.inputs.casePages.length} pages of open cases,
  ${r.inputs.caseNumbers.length} open cases, ${r.inputs.seals.length} real-estate units of respondents of open cases for the seals (each sealed once through its case with the court's notice; past them, retries).
  Each request is sent as the division head of its case's court (a development token; the floor gets the signed identity header
  a gateway would send), who has a legal basis for every open case of the court, so access rules refuse nothing.
  Both gateways merge identical subgraph queries in flight: the peer by default (\`deduplicateInflightRequests\`), ours per caller's identity
  (\`gateway/inFlight.ts\`). With one input for every request a gateway answers 50 requests with one subgraph fetch, which the "same case"
  operation shows; the other operations avoid it.

## Results by operation

${r.summaries.map((s) => operationSection(s, o)).join('\n\n')}

## Latency alone (one request at a time, ${o.probes} requests per operation, ms)

Medians; the differences are medians of per-request differences, each request having been sent with the same body to every target.

${probeSection(r.probes)}

## Where the CPU goes (ms of CPU per request, median over runs)

${cpuSection(r.summaries)}

## What the benchmark wrote (documents per collection, seeded → at the end)

${table(
  ['collection', 'seeded', 'at the end', 'added'],
  r.added.map((g) => [g.collection, String(g.before), String(g.after), `+${g.after - g.before}`]),
)}

## Memory (RSS, MB)

${table(
  ['process', 'after start', `peak during our gateway's runs`, `peak during the peer's runs`],
  r.rss.map((p) => [p.name, num(p.idle), num(p.gatewayRuns), num(p.peerRuns)]),
)}

Target for the gateway: ≤ ${RSS_TARGET_MB} MB.

## Sanity checks (one request per operation and target, before any load)

${table(
  ['operation', 'target', 'HTTP', 'bytes', 'error', 'same data as our gateway'],
  r.checks.map((c) => [
    c.operation,
    LABEL[c.target],
    String(c.status),
    String(c.bytes),
    c.error ?? '',
    c.sameAsGateway === undefined ? '' : c.sameAsGateway ? 'yes' : '**no**',
  ]),
)}
`;
}
