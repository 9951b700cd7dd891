import type { Machine } from '../machine';
import type { LoadComparison } from './load';
import type { ScaleFigures } from './main';
import type { OperationFigures } from './measure';
import type { GrowthOptions } from './options';

export interface GrowthRecord {
  command: string;
  startedAt: Date;
  elapsedSeconds: number;
  machine: Machine;
  versions: Record<string, string>;
  options: GrowthOptions;
  scales: ScaleFigures[];
  load: LoadComparison[];
  /** Whether the database was the embedded FerretDB (else MONGODB_URI's server). */
  embedded: boolean;
}

/** Issue 14's targets: cost that does not grow with the province, and two absolute latencies at the largest. */
export const TARGETS = {
  ratio: 1.5,
  p50AtLargest: { panorama: 150, 'case-page-50': 400 } as Partial<Record<OperationFigures['key'], number>>,
};

const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const count = (n: number) => n.toLocaleString('en-US');

export interface Verdict {
  operation: string;
  target: string;
  measured: string;
  met: boolean;
}

export function growthVerdicts(scales: readonly ScaleFigures[]): Verdict[] {
  const first = scales[0];
  const last = scales[scales.length - 1];
  const verdicts: Verdict[] = [];
  for (const op of last.operations) {
    const small = first.operations.find((o) => o.key === op.key);
    const limit = TARGETS.p50AtLargest[op.key];
    if (limit !== undefined)
      verdicts.push({
        operation: op.key,
        target: `${last.scale} p50 ≤ ${limit} ms`,
        measured: `${ms(op.gateway.p50)} ms`,
        met: op.gateway.p50 <= limit,
      });
    if (!small) continue;
    const ratio = op.gateway.p50 / small.gateway.p50;
    verdicts.push({
      operation: op.key,
      target: `${last.scale}/${first.scale} p50 ≤ ${TARGETS.ratio}`,
      measured: ratio.toFixed(2),
      met: ratio <= TARGETS.ratio,
    });
  }
  return verdicts;
}

/** What the figures say, written from them: how each operation's time follows its commands. */
function reading(scales: readonly ScaleFigures[], embedded: boolean): string[] {
  const first = scales[0];
  const last = scales[scales.length - 1];
  const out: string[] = [];
  for (const op of last.operations) {
    const small = first.operations.find((o) => o.key === op.key);
    const perCommand = op.gateway.p50 / Math.max(1, op.commands);
    const commands = small
      ? `${small.commands.toFixed(0)} commands per request at ${first.scale} and ${op.commands.toFixed(0)} at ${last.scale}`
      : `${op.commands.toFixed(0)} commands per request at ${last.scale}`;
    out.push(`- ${op.key}: ${commands}, ${perCommand.toFixed(2)} ms of p50 per command at ${last.scale}.`);
  }
  const missed = growthVerdicts(scales).filter((v) => !v.met);
  for (const v of missed) {
    const op = last.operations.find((o) => o.key === v.operation);
    if (!op || !embedded) continue;
    out.push(
      `- Missed: ${v.operation} ${v.target} (${v.measured}). Its ${op.commands.toFixed(0)} commands are one per key the request names: on FerretDB, which answers \`$in\` by reading the whole collection, the loaders read a batch key by key (\`subgraphs/kit/loaders.ts\`); at ${(op.gateway.p50 / Math.max(1, op.commands)).toFixed(2)} ms a command if its time follows its commands, the target would need about ${Math.floor((TARGETS.p50AtLargest[op.key] ?? op.gateway.p50) / (op.gateway.p50 / Math.max(1, op.commands)))} commands.`,
    );
  }
  return ['## Reading', '', ...out];
}

function bySubgraph(op: OperationFigures): string {
  return [...op.commandsBySubgraph]
    .sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name} ${n.toFixed(1)}`)
    .join(', ');
}

export function renderGrowthReport(r: GrowthRecord): string {
  const [first] = r.scales;
  const last = r.scales[r.scales.length - 1];
  const lines: string[] = [];
  lines.push('# Growth benchmark: the same requests on a small and a large province', '');
  lines.push(`\`${r.command}\`, started ${r.startedAt.toISOString()}, ${Math.round(r.elapsedSeconds)} s in all.`, '');
  lines.push(
    `Machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB.toFixed(1)} GiB, ${r.machine.os}. ` +
      Object.entries(r.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ') +
      '.',
    '',
  );
  lines.push(
    `Each scale is a fresh embedded database seeded with seed ${r.options.seed}, every subgraph in its own process, our gateway and the Hive peer. ` +
      `Per operation: ${r.options.warmup} unmeasured requests, then ${r.options.samples}, one at a time (nothing else running), each through our gateway and then the same to the peer. ` +
      "Database commands are read from every subgraph's `/metrics` (`mongodb_commands_total`) just before and after each of our requests, less what the subgraphs send when idle (outbox polling, checkpoints) over that time.",
    '',
  );
  lines.push('| scale | cases | documents seeded | seed time |', '|---|---:|---:|---:|');
  for (const s of r.scales) lines.push(`| ${s.scale} | ${count(s.cases)} | ${count(s.documents)} | ${s.seedSeconds.toFixed(1)} s |`);
  lines.push('', '## Targets', '', '| operation | target | measured | |', '|---|---|---:|---|');
  for (const v of growthVerdicts(r.scales))
    lines.push(`| ${v.operation} | ${v.target} | ${v.measured} | ${v.met ? 'met' : '**missed**'} |`);
  lines.push('', '## Latency through our gateway and database commands per request', '');
  const head = r.scales.map((s) => `${s.scale} p50 / p95 ms | ${s.scale} commands`).join(' | ');
  lines.push(`| operation | ${head} | ${last.scale}/${first.scale} p50 |`, `|---|${r.scales.map(() => '---:|---:').join('|')}|---:|`);
  for (const op of last.operations) {
    const cells = r.scales.map((s) => {
      const o = s.operations.find((x) => x.key === op.key);
      return o ? `${ms(o.gateway.p50)} / ${ms(o.gateway.p95)} | ${o.commands.toFixed(1)}` : '– | –';
    });
    const small = first.operations.find((x) => x.key === op.key);
    lines.push(`| ${op.title} | ${cells.join(' | ')} | ${small ? (op.gateway.p50 / small.gateway.p50).toFixed(2) : '–'} |`);
  }
  lines.push('', ...reading(r.scales, r.embedded), '');
  lines.push('Inputs and commands by subgraph (per request):', '');
  for (const s of r.scales)
    for (const op of s.operations) lines.push(`- ${s.scale}, ${op.key}: ${op.inputs}; ${bySubgraph(op) || 'none'}.`);
  lines.push('', '## Our gateway and the peer', '', 'Each request alone (the same requests as above):', '');
  lines.push('| operation | scale | ours p50 ms | peer p50 ms | ours/peer |', '|---|---|---:|---:|---:|');
  for (const s of r.scales)
    for (const op of s.operations)
      if (op.peer)
        lines.push(
          `| ${op.key} | ${s.scale} | ${ms(op.gateway.p50)} | ${ms(op.peer.p50)} | ${(op.gateway.p50 / op.peer.p50).toFixed(2)} |`,
        );
  if (r.load.length > 0) {
    lines.push(
      '',
      `Closed loop at the ${last.scale} scale (autocannon, ${r.options.loadRuns} runs of ${r.options.loadDuration} s per target after 2 s of warm-up, order alternating; medians):`,
      '',
    );
    lines.push(
      '| operation | connections | ours req/s | peer req/s | ours/peer throughput | ours p50 / p95 ms | peer p50 / p95 ms | failed |',
      '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const l of r.load)
      lines.push(
        `| ${l.title} | ${l.connections} | ${l.gateway.rps.toFixed(1)} | ${l.peer.rps.toFixed(1)} | ${(l.gateway.rps / l.peer.rps).toFixed(2)} | ${ms(l.gateway.p50)} / ${ms(l.gateway.p95)} | ${ms(l.peer.p50)} / ${ms(l.peer.p95)} | ${l.failures} |`,
      );
  }
  lines.push('');
  return lines.join('\n');
}
