import { pairedOverhead, type Probe } from './probe';
import type { OperationSummary, TargetSummary } from './summary';

/*
 * The reading is written from the figures rather than by hand, so a re-run never leaves a report whose
 * words contradict its tables. It says only what the tables support: who spent the CPU, whether the
 * machine or the database was saturated, and how far each gateway sits above the floor.
 */

const f1 = (n: number) => n.toFixed(1);
const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(1)}`;

function totalCpu(t: TargetSummary): number {
  const c = t.cpuPerRequest;
  return c.target + c.subgraphs + c.ferretdb + c.loadGenerator;
}

function biggest(t: TargetSummary): string {
  const c = t.cpuPerRequest;
  const parts: [string, number][] = [
    ['the gateway process', c.target],
    ['the subgraphs', c.subgraphs],
    ['FerretDB', c.ferretdb],
    ['the load generator', c.loadGenerator],
  ];
  const [name, value] = parts.sort((a, b) => b[1] - a[1])[0];
  return `${name} (${f1(value)} of ${f1(totalCpu(t))} ms, ${((100 * value) / Math.max(totalCpu(t), 1e-9)).toFixed(0)} %)`;
}

const spread = (values: readonly number[]) => Math.max(...values) - Math.min(...values);

/** Cores in use: CPU ms per request times requests per second. */
const cores = (msPerRequest: number, rps: number) => (msPerRequest * rps) / 1000;

function describe(s: OperationSummary, machineCores: number, duration: number): string {
  const gateway = s.targets.find((t) => t.target === 'gateway');
  const peer = s.targets.find((t) => t.target === 'peer');
  if (!gateway || !peer) return `${s.operation.title}: incomplete.`;
  const stalled = s.targets.filter((t) => t.rps === 0).map((t) => t.target);
  if (stalled.length > 0) {
    return (
      `**${s.operation.title}**: no request completed within a run (median) through ${stalled.join(', ')} ` +
      `(${s.targets.map((t) => `${t.target} ${t.rpsRuns.map(f1).join('/')} req/s`).join(', ')}): at this concurrency a request waits longer than a run lasts, ` +
      `so the figures compare nothing. Meanwhile FerretDB kept ${gateway.ferretdbCores.toFixed(2)} of the ${machineCores} cores busy during our gateway's runs.`
    );
  }
  const busy = (t: TargetSummary) => (100 * cores(totalCpu(t), t.rps)) / machineCores;
  const db = cores(gateway.cpuPerRequest.ferretdb, gateway.rps);
  const parts = [
    `**${s.operation.title}**: our gateway ${f1(gateway.rps)} req/s against the peer's ${f1(peer.rps)} (×${s.ratioToPeer.toFixed(2)}), p95 ${f1(gateway.p95)} vs ${f1(peer.p95)} ms.`,
    `Per request our gateway's process used ${f1(gateway.cpuPerRequest.target)} ms of CPU and the peer's ${f1(peer.cpuPerRequest.target)} ms; the largest share through our gateway was ${biggest(gateway)}.`,
    `The ${machineCores} cores were ${busy(gateway).toFixed(0)} % busy during our gateway's runs (${busy(peer).toFixed(0)} % during the peer's), FerretDB alone using ${db.toFixed(2)} of them`,
  ];
  const dbShare = gateway.cpuPerRequest.ferretdb / Math.max(totalCpu(gateway), 1e-9);
  if (busy(gateway) > 85) parts.push('— the machine was saturated, so throughput follows total CPU per request.');
  else if (dbShare > 0.6)
    parts.push(
      `— the machine had idle CPU while FerretDB did ${(100 * dbShare).toFixed(0)} % of all the work: its scans are the queue every request waits in, and both gateways mostly wait with it.`,
    );
  else parts.push('— neither the machine nor FerretDB was saturated, so waiting (round trips, serial fetches) bounds throughput.');
  if (gateway.p95 > (duration * 1000) / 2) {
    parts.push(
      `p95 is more than half a run (${duration} s): each connection completes only a few requests per run, so the percentiles rest on ${gateway.responses.toFixed(0)} responses and are cut off by the run's end.`,
    );
  }
  return parts.join(' ');
}

function aloneLine(probes: readonly Probe[]): string | undefined {
  const floor = probes.find((p) => p.operation === 'case-lookup' && p.target === 'floor');
  if (!floor) return undefined;
  const ours = pairedOverhead(probes, 'case-lookup', 'gateway', 'floor');
  const peer = pairedOverhead(probes, 'case-lookup', 'peer', 'floor');
  const fanout = ['panorama', 'case-page'].map((op) => `${op} ${signed(pairedOverhead(probes, op, 'gateway', 'peer'))} ms`).join(', ');
  return (
    `**Alone** (one request at a time), the case lookup takes ${f1(floor.median)} ms from the court subgraph; the difference through our gateway is ${signed(ours)} ms ` +
    `and through the peer ${signed(peer)} ms (medians of paired differences; FerretDB's own variation from one request to the next is of the same order, ` +
    `so a few ms either way is noise). Our gateway against the peer on the fan-out operations, alone: ${fanout}.`
  );
}

/** Above this many cores of other work, the machine was shared and the figures say so. */
const DISTURBED_CORES = 0.25;

/** Runs of one target that fell by more than a third from the first to the last, as "op → target a → b req/s". */
function declines(summaries: readonly OperationSummary[]): string[] {
  return summaries.flatMap((s) =>
    s.targets
      .filter((t) => t.rpsRuns.length > 1 && t.rpsRuns[t.rpsRuns.length - 1] < (2 / 3) * t.rpsRuns[0])
      .map((t) => `${s.operation.key} → ${t.target} ${f1(t.rpsRuns[0])} → ${f1(t.rpsRuns[t.rpsRuns.length - 1])} req/s`),
  );
}

export function readResults(
  summaries: readonly OperationSummary[],
  machineCores: number,
  probes: readonly Probe[],
  duration: number,
): string[] {
  const lines: string[] = [];
  const disturbed = summaries.flatMap((s) =>
    s.targets.filter((t) => t.outsideCores > DISTURBED_CORES).map((t) => `${s.operation.key} → ${t.target} ${t.outsideCores.toFixed(2)}`),
  );
  if (disturbed.length > 0) {
    lines.push(
      `**Disturbed**: processes outside the benchmark used more than ${DISTURBED_CORES} of the ${machineCores} cores during some runs (${disturbed.join(', ')} cores): those figures are lower than the machine can give.`,
    );
  }
  lines.push(...summaries.map((s) => describe(s, machineCores, duration)));
  for (const s of summaries) {
    const floor = s.targets.find((t) => t.target === 'floor');
    const gateway = s.targets.find((t) => t.target === 'gateway');
    if (!floor || !gateway || !s.overhead) continue;
    if (!Number.isFinite(s.overhead.gateway)) {
      lines.push(
        `**Overhead over the floor under load** (${s.operation.title}): not measurable, since not every target completed a request within a run; the latency alone, below, is the only measure of it here.`,
      );
      continue;
    }
    lines.push(
      `**Overhead over the floor under load** (${s.operation.title}): the court subgraph alone answers ${f1(floor.rps)} req/s with p95 ${f1(floor.p95)} ms; ` +
        `through our gateway p95 is ${f1(gateway.p95)} ms (${signed(s.overhead.gateway)} ms), through the peer ${signed(s.overhead.peer)} ms. ` +
        (s.operation.rate
          ? `Offered at ${s.operation.rate} req/s, below saturation, p95 is the latency a request meets rather than a queue for the cores`
          : 'Closed loop on a machine whose cores every process shares, p95 is mostly the queue for them: each ms of CPU the gateway spends per request adds about connections ÷ cores ms to everyone’s wait') +
        (floor.p95Runs.length < 2
          ? '.'
          : `; the floor's own p95 ranged over ${f1(spread(floor.p95Runs))} ms between runs, so the overhead measured under load is ${Math.abs(s.overhead.gateway) <= spread(floor.p95Runs) ? 'within' : 'larger than'} run-to-run noise.`),
    );
  }
  const alone = aloneLine(probes);
  if (alone) lines.push(alone);
  const fell = declines(summaries);
  if (fell.length > 0) {
    lines.push(
      `**Slower with every run**: ${fell.join(', ')}. Each run leaves more behind for later requests to read (seal requests in the register's queue, ` +
        'access-log entries), and FerretDB scans every collection it filters on anything but `_id`.',
    );
  }
  lines.push(
    'All processes, the load generator included, share the same cores: a gateway that spends less CPU per request leaves more for the subgraphs and FerretDB, ' +
      'so a throughput ratio here measures the whole system per request on this machine, not the gateway in isolation.',
  );
  return lines;
}
