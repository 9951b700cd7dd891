import { readPositiveInt } from '../../platform/config';
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

function scalesOf(value: string): Scale[] {
  const names = value.split(',').map((s) => s.trim());
  const unknown = names.filter((name) => !(name in SCALES));
  if (unknown.length > 0 || names.length < 2)
    throw new Error(`--scales takes two or more of ${Object.keys(SCALES).join(', ')}, smallest first; usage: ${USAGE}`);
  return names as Scale[];
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
        options.warmup = readPositiveInt(value, 0, flag);
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
