import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../scripts/processes';
import { SUBGRAPHS } from '../subgraphs/registry';
import { authFor } from './auth';
import { countDocuments, growth, takeAccessLogs } from './documents';
import { runGrowth } from './growth/main';
import { pickInputs } from './inputs';
import { runLoad, type RunResult } from './load';
import { runPaced } from './paced';
import { describeMachine, versions } from './machine';
import { operations, type Operation, type Target } from './operations';
import { parseOptions, type BenchOptions } from './options';
import { outsideLoad, readRssMB, waitQuiet } from './proc';
import { probeOperations } from './probe';
import { readResults } from './reading';
import { renderReport } from './report';
import { checkOperations, checkSeal, type Auth } from './sanity';
import { startStack, type Stack } from './stack';
import { summarise, verdicts, type OperationResult } from './summary';

// `npm run bench`: a seeded province, every service in its own process, then each operation against
// our gateway, the Hive peer and (where one subgraph answers) the subgraph itself; writes bench/report.md.

/** How long a run's leftover requests may keep the processes busy before the next run starts anyway. */
const DRAIN_MS = 15_000;

function targetUrls(stack: Stack): Record<Target, string> {
  const court = stack.subgraphs.find((s) => s.name === 'court');
  if (!court) throw new Error('no court subgraph');
  return { gateway: stack.gateway.url, peer: stack.peer.url, floor: court.url };
}

function line(op: Operation, target: Target, run: number | 'warm-up', r?: RunResult): string {
  const head = `${op.key} → ${target} (${run === 'warm-up' ? run : `run ${run}`})`;
  if (!r) return head;
  const failures = r.errors + r.non2xx + r.graphqlErrors;
  return `${head}: ${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} / p95 ${r.p95.toFixed(1)} / p99 ${r.p99.toFixed(1)} ms${failures ? `, ${failures} failed` : ''}`;
}

async function measure(
  stack: Stack,
  ops: readonly Operation[],
  options: BenchOptions,
  auth: Auth,
): Promise<{ results: OperationResult[]; undrained: string[] }> {
  const urls = targetUrls(stack);
  const load = async (op: Operation, target: Target, duration: number) => {
    const requests = op.requests(await auth(target));
    const settings = {
      url: urls[target],
      connections: op.fanout ? options.fanoutConnections : options.connections,
      duration,
      timeout: options.timeout,
      requests,
    };
    return op.rate ? runPaced({ ...settings, overallRate: op.rate }, stack.processes) : runLoad(settings, stack.processes);
  };
  const results: OperationResult[] = [];
  const undrained: string[] = [];
  const drain = async (label: string) => {
    if ((await waitQuiet(stack.processes, { maxMs: DRAIN_MS })) === null) undrained.push(label);
  };
  // What the probes before the load logged is not charged to the first operation.
  const logged = new Map<string, number>();
  await takeAccessLogs(stack.mongoUri, stack.databaseName, logged);
  for (const op of ops) {
    if (options.warmup > 0) {
      for (const target of op.targets) {
        console.log(line(op, target, 'warm-up'));
        await load(op, target, options.warmup);
        await drain(`${op.key} → ${target} warm-up`);
      }
    }
    const runs = new Map<Target, RunResult[]>(op.targets.map((t) => [t, []]));
    for (let run = 1; run <= options.runs; run++) {
      // The order rotates: whoever goes later in a round finds more in the databases (seals, access log).
      for (const target of op.targets.map((_, k) => op.targets[(run - 1 + k) % op.targets.length])) {
        const result = await load(op, target, options.duration);
        runs.get(target)?.push(result);
        console.log(line(op, target, run, result));
        await drain(`${op.key} → ${target} run ${run}`);
      }
    }
    results.push({ operation: op, runs, accessLog: await takeAccessLogs(stack.mongoUri, stack.databaseName, logged) });
  }
  return { results, undrained };
}

/** Other users' work on a 2-core machine lowers every figure; give it up to three minutes to end. */
async function waitForQuietMachine(stack: Stack): Promise<number> {
  const deadline = Date.now() + 180_000;
  let outside = await outsideLoad(stack.processes);
  while (outside > 0.25 && Date.now() < deadline) {
    console.log(`${outside.toFixed(2)} cores busy outside the bench: waiting for them to finish…`);
    outside = await outsideLoad(stack.processes, 5000);
  }
  return outside;
}

function rssTable(stack: Stack, idle: Map<string, number>, results: readonly OperationResult[]) {
  const peakOver = (target: Target, name: string) =>
    Math.max(0, ...results.flatMap((r) => (r.runs.get(target) ?? []).map((run) => run.rss.get(name) ?? 0)));
  return stack.processes.map(({ name }) => ({
    name,
    idle: idle.get(name) ?? 0,
    gatewayRuns: peakOver('gateway', name),
    peerRuns: peakOver('peer', name),
  }));
}

async function main(): Promise<void> {
  // The bench signs in with development tokens, as `npm start` does; its services inherit the mode.
  process.env.DEVELOPMENT_MODE = 'true';
  const [first, ...rest] = process.argv.slice(2);
  if (first === 'growth') return runGrowth(rest);
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const stack = await startStack(options);
  const stopOnSignal = () => void stack.stop().then(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    const inputs = await pickInputs(stack.mongoUri, stack.databaseName);
    const seededCounts = await countDocuments(stack.mongoUri, stack.databaseName);
    const all = operations(inputs, options.pacedRate);
    const unknown = (options.only ?? []).filter((key) => !all.some((op) => op.key === key));
    if (unknown.length > 0)
      throw new Error(`--only names no operation: ${unknown.join(', ')} (there are ${all.map((op) => op.key).join(', ')})`);
    const ops = all.filter((op) => (options.only ? options.only.includes(op.key) : !op.optional || options.withMerging));
    const urls = targetUrls(stack);
    const mixed = ops.find((op) => op.key === 'mixed');
    const auth = authFor([
      ...new Set([...inputs.debtors, ...inputs.casePages, ...inputs.caseNumbers, ...inputs.seals].map((i) => i.court)),
      inputs.busyCourt.code,
    ]);
    const checks = [...(await checkOperations(ops, urls, auth)), ...(mixed ? await checkSeal(mixed, urls, auth) : [])];
    for (const c of checks)
      console.log(
        `check ${c.operation} → ${c.target}: HTTP ${c.status}, ${c.bytes} bytes${c.error ? `, error: ${c.error}` : ''}${c.sameAsGateway === false ? ', DIFFERENT DATA' : ''}`,
      );
    // A target that cannot answer would be measured failing fast, and the ratios would compare nothing.
    const broken = checks.filter((c) => c.status !== 200 || c.error || c.sameAsGateway === false);
    if (broken.length > 0)
      throw new Error(`sanity checks failed (${broken.map((c) => `${c.operation} → ${c.target}`).join(', ')}); no report written`);
    const idle = new Map(stack.processes.map(({ name, pid }) => [name, readRssMB(pid) ?? 0]));
    const outsideAtStart = await waitForQuietMachine(stack);
    const probes = await probeOperations(ops, urls, auth, options.probes);
    for (const p of probes) console.log(`alone: ${p.operation} → ${p.target}: ${p.median.toFixed(1)} ms`);

    const { results, undrained } = await measure(stack, ops, options, auth);
    // A process that died mid-run (the peer's loopback guard, a crash) would leave figures of nothing.
    const dead = stack.exited();
    if (dead.length > 0) throw new Error(`stopped during the benchmark: ${dead.join(', ')}; no report written`);
    const added = growth(seededCounts, await countDocuments(stack.mongoUri, stack.databaseName));
    const summaries = results.map((r) =>
      summarise(
        r,
        SUBGRAPHS.map((s) => s.name),
      ),
    );
    const rss = rssTable(stack, idle, results);
    const gatewayPeak = rss.find((p) => p.name === 'gateway')?.gatewayRuns ?? Number.NaN;
    const machine = describeMachine();
    const report = renderReport({
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, ''),
      options,
      machine,
      versions: versions(),
      startedAt,
      elapsedSeconds: (Date.now() - startedAt.getTime()) / 1000,
      seedSeconds: stack.seedSeconds,
      seeded: stack.seeded,
      inputs,
      checks,
      probes,
      outsideAtStart,
      undrained,
      summaries,
      added,
      rss,
      verdicts: verdicts(summaries, gatewayPeak, options.connections),
      reading: readResults(summaries, machine.cores, probes, options.duration),
    });
    const out = path.resolve(repoRoot, options.report);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, report);
    console.log(`\nreport written to ${path.relative(process.cwd(), out)}`);
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
