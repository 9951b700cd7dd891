import { readCount, readPositiveInt } from '../../platform/config';
import { SCALES } from '../../seed/province';

export type Scale = keyof typeof SCALES;

export interface GrowthOptions {
  /** Provinces measured, smallest first; the ratios compare the last with the first. */
  scales: Scale[];
  /** Requests per operation and scale, one at a time, after the warm-up. */
  samples: number;
  warmup: number;
  seed: number;
  /** Seconds per closed-loop run of the gateway-versus-peer comparison (at the last scale). */
  loadDuration: number;
  loadRuns: number;
  report: string;
}

const DEFAULTS: GrowthOptions = {
  scales: ['demo', 'city'],
  samples: 60,
  warmup: 10,
  seed: 2026,
  loadDuration: 8,
  loadRuns: 3,
  report: 'bench/growth-report.md',
};

const USAGE =
  'npm run bench -- growth [--scales demo,city] [--samples 60] [--warmup 10] [--seed 2026] [--load-duration 8] [--load-runs 3] [--report bench/growth-report.md]';

/** Two or more scales, measured smallest first whatever the order given, so every ratio is large over small. */
function scalesOf(value: string): Scale[] {
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((name) => !Object.hasOwn(SCALES, name));
  if (unknown.length > 0 || new Set(names).size < 2)
    throw new Error(`--scales takes two or more of ${Object.keys(SCALES).join(', ')}; usage: ${USAGE}`);
  return [...new Set(names as Scale[])].sort((a, b) => SCALES[a] - SCALES[b]);
}

export function parseGrowthOptions(argv: readonly string[]): GrowthOptions {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--help' || value === undefined) throw new Error(`usage: ${USAGE}`);
    switch (flag) {
      case '--scales':
        options.scales = scalesOf(value);
        break;
      case '--samples':
        options.samples = readPositiveInt(value, 0, flag);
        break;
      case '--warmup':
        options.warmup = readCount(value, 0, flag);
        break;
      case '--seed':
        options.seed = readPositiveInt(value, 0, flag);
        break;
      case '--load-duration':
        options.loadDuration = readPositiveInt(value, 0, flag);
        break;
      case '--load-runs':
        options.loadRuns = readPositiveInt(value, 0, flag);
        break;
      case '--report':
        options.report = value;
        break;
      default:
        throw new Error(`unknown option ${flag}; usage: ${USAGE}`);
    }
  }
  return options;
}
