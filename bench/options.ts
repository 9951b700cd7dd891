import { SCALES } from '../seed/province';
import { readCount, readPositiveInt } from '../platform/config';

export interface BenchOptions {
  connections: number;
  /**
   * Connections for the operations that call every subgraph (panorama, page, mixed). With FerretDB
   * scanning whole collections a fan-out request costs hundreds of ms of database time, and at 50
   * connections a 10 s run can end before any completes.
   */
  fanoutConnections: number;
  /** Seconds per measured run. */
  duration: number;
  /** Measured runs per operation and target; the report gives each figure's median over them. */
  runs: number;
  /** Seconds of unmeasured load before an operation's first run, so JIT and query-plan caches are warm. */
  warmup: number;
  cases: number;
  seed: number;
  /** Per-request timeout in seconds; slow operations at 50 connections would otherwise count as errors at autocannon's 10 s. */
  timeout: number;
  /** Requests sent one at a time per operation and target before the load, for latency without queueing. */
  probes: number;
  report: string;
  /** Also measure the lookup with one case number for every request, which shows Hive's request merging. */
  withMerging: boolean;
  /** Only these operations (keys: panorama, case-page, case-lookup, mixed, case-lookup-same), for a quick look; the targets table then covers only them. */
  only: string[] | null;
  /** Offered load of the paced lookup, requests/s: below the floor's capacity on this machine (~330/s). */
  pacedRate: number;
}

/*
 * The demo province (3000 cases), as `npm start` seeds it, and 10 fan-out connections: a page of 50 cases
 * costs ~700 commands on the embedded FerretDB, which reads a batch key by key (see README).
 */
const DEFAULTS: BenchOptions = {
  connections: 50,
  fanoutConnections: 10,
  duration: 8,
  runs: 3,
  warmup: 2,
  cases: SCALES.demo,
  seed: 2026,
  timeout: 30,
  probes: 10,
  report: 'bench/report.md',
  withMerging: false,
  only: null,
  pacedRate: 100,
};

const USAGE = `npm run bench -- [--connections 50] [--fanout-connections 10] [--duration 8] [--runs 3] [--warmup 2] [--cases 3000] [--seed 2026] [--timeout 30] [--probes 10] [--report bench/report.md] [--with-merging] [--only case-lookup,mixed] [--paced-rate 100]`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i];
    if (flag === '--with-merging') {
      options.withMerging = true;
      i -= 1;
      continue;
    }
    const value = argv[i + 1];
    if (flag === '--help' || value === undefined) throw new Error(`usage: ${USAGE}`);
    switch (flag) {
      case '--connections':
        options.connections = readPositiveInt(value, 0, flag);
        break;
      case '--fanout-connections':
        options.fanoutConnections = readPositiveInt(value, 0, flag);
        break;
      case '--duration':
        options.duration = readPositiveInt(value, 0, flag);
        break;
      case '--runs':
        options.runs = readPositiveInt(value, 0, flag);
        break;
      case '--warmup':
        options.warmup = readCount(value, 0, flag);
        break;
      case '--cases':
        options.cases = readPositiveInt(value, 0, flag);
        break;
      case '--seed':
        options.seed = readPositiveInt(value, 0, flag);
        break;
      case '--timeout':
        options.timeout = readPositiveInt(value, 0, flag);
        break;
      case '--probes':
        options.probes = readPositiveInt(value, 0, flag);
        break;
      case '--report':
        options.report = value;
        break;
      case '--paced-rate':
        options.pacedRate = readPositiveInt(value, 0, flag);
        break;
      case '--only':
        options.only = value
          .split(',')
          .map((key) => key.trim())
          .filter(Boolean);
        break;
      default:
        throw new Error(`unknown option ${flag}; usage: ${USAGE}`);
    }
  }
  return options;
}
