import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/processes';
import { SCALES } from '../../seed/province';
import { authFor } from '../auth';
import { pickInputs } from '../inputs';
import { describeMachine, versions } from '../machine';
import { waitQuiet } from '../proc';
import { startStack } from '../stack';
import { idleRate } from './commands';
import { compareGateways, type LoadComparison } from './load';
import { measureOperation, type OperationFigures } from './measure';
import { parseGrowthOptions, type Scale } from './options';
import { renderGrowthReport } from './report';
import { sequentialOperations } from './sequential';

// `npm run bench -- growth`: the same four operations on a demo and a city province (issue 14), each
// request alone through our gateway (and the Hive peer), with the database commands each one cost.

export interface ScaleFigures {
  scale: Scale;
  cases: number;
  documents: number;
  seedSeconds: number;
  operations: OperationFigures[];
}

export async function runGrowth(argv: readonly string[]): Promise<void> {
  const options = parseGrowthOptions(argv);
  const startedAt = new Date();
  const scales: ScaleFigures[] = [];
  let load: LoadComparison[] = [];
  let embedded = true;
  for (const [index, scale] of options.scales.entries()) {
    console.log(`\n${scale}: ${SCALES[scale]} cases`);
    const stack = await startStack({ seed: options.seed, cases: SCALES[scale] });
    embedded = stack.embedded;
    try {
      const inputs = await pickInputs(stack.mongoUri, stack.databaseName);
      const courts = [...inputs.typicalDebtors, ...inputs.debtors, ...inputs.casePages, ...inputs.caseNumbers, ...inputs.seals].map(
        (i) => i.court,
      );
      const auth = authFor([...new Set([...courts, inputs.busyCourt.code])]);
      // The seed's writes and the GIN index keeper's first round finish before anything is timed.
      await waitQuiet(stack.processes, { maxMs: 60_000 });
      const idle = await idleRate(stack.subgraphs, 5000);
      const targets = {
        gateway: { url: stack.gateway.url, headers: await auth('gateway') },
        peer: { url: stack.peer.url, headers: await auth('peer') },
        subgraphs: stack.subgraphs,
        idle,
      };
      const figures: OperationFigures[] = [];
      for (const op of sequentialOperations(inputs, options.samples)) {
        const measured = await measureOperation(op, targets, options.samples, options.warmup);
        console.log(
          `${scale} ${op.key}: p50 ${measured.gateway.p50.toFixed(1)} ms, p95 ${measured.gateway.p95.toFixed(1)} ms, ${measured.commands.toFixed(1)} commands/request`,
        );
        figures.push(measured);
      }
      const documents = Object.values(stack.seeded).reduce(
        (sum, collections) => sum + Object.values(collections).reduce((s, n) => s + n, 0),
        0,
      );
      scales.push({ scale, cases: SCALES[scale], documents, seedSeconds: stack.seedSeconds, operations: figures });
      if (index === options.scales.length - 1) {
        await waitQuiet(stack.processes, { maxMs: 15_000 });
        load = await compareGateways(stack, inputs, auth, { duration: options.loadDuration, runs: options.loadRuns });
      }
    } finally {
      await stack.stop();
    }
  }
  const report = renderGrowthReport({
    command: `npm run bench -- growth ${argv.join(' ')}`.trim(),
    startedAt,
    elapsedSeconds: (Date.now() - startedAt.getTime()) / 1000,
    machine: describeMachine(),
    versions: versions(),
    options,
    scales,
    load,
    embedded,
  });
  const out = path.resolve(repoRoot, options.report);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, report);
  console.log(`\nreport written to ${path.relative(process.cwd(), out)}`);
}
