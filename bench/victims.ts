/**
 * Benchmark of a mass-victim case at full size (not a test): one command, its own embedded FerretDB.
 *
 *   npx tsx bench/victims.ts [--participants 170000] [--reminders 1000000] [--batch-size 1000] [--claims 300000] [--report bench/victims-report.md]
 *
 * Generates a ledger file of N participants, registers them, imports the ledger, verifies, times the pure
 * allocation of --claims claims, announces a round (allocations persisted), creates the payout batches,
 * pays one batch through the file channel, and enqueues --reminders SMS; then prints a Markdown table of
 * time and peak memory per step and writes it to --report. MONGODB_URI points it at another server.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { startMongo } from '../tools/embedded-mongo/launcher';
import { createIndexes } from '../subgraphs/kit/mongo';
import { victimsIndexes } from '../subgraphs/victims/repository';
import { runSteps, type Step } from './victimsSteps';
import { childrenPeakRss, machine, renderReport, writeReport } from './victimsReport';

interface Options {
  participants: number;
  reminders: number;
  batchSize: number;
  claims: number;
  report: string;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    participants: 170_000,
    reminders: 1_000_000,
    batchSize: 1000,
    claims: 300_000,
    report: resolve(__dirname, 'victims-report.md'),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const number = Number(value);
    if (flag === '--report' && value) options.report = resolve(value);
    else if (flag === '--participants' && number > 0) options.participants = number;
    else if (flag === '--reminders' && number >= 0) options.reminders = number;
    else if (flag === '--batch-size' && number > 0) options.batchSize = number;
    else if (flag === '--claims' && number > 0) options.claims = number;
    else
      throw new Error(
        `unknown option or bad value: ${flag} ${value ?? ''}\nusage: npx tsx bench/victims.ts [--participants n] [--reminders n] [--batch-size n] [--claims n] [--report path]`,
      );
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const server = await startMongo({ temporary: true });
  const client = await MongoClient.connect(server.uri, { maxPoolSize: 10 });
  const workDir = mkdtempSync(join(tmpdir(), 'victims-bench-'));
  try {
    const db = client.db('bench_victims');
    await db.dropDatabase();
    await createIndexes(db, victimsIndexes);
    process.stderr.write(
      `victims benchmark: ${options.participants.toLocaleString('en-US')} participants, ${options.reminders.toLocaleString('en-US')} reminders, database ${server.embedded ? 'embedded FerretDB' : server.uri}\n`,
    );
    const steps: Step[] = await runSteps(db, { ...options, workDir });
    const report = renderReport(
      steps,
      { ...options, database: server.embedded ? 'embedded FerretDB 1.24 (SQLite), temporary directory' : 'MONGODB_URI' },
      machine(),
      childrenPeakRss(),
    );
    process.stdout.write(`${report}\n`);
    writeReport(options.report, report);
    process.stderr.write(`report written to ${options.report}\n`);
  } finally {
    await client.close();
    await server.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
