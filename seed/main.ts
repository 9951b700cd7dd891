import { databaseName } from '../subgraphs/kit/config';
import { startMongo } from '../tools/embedded-mongo/launcher';
import { SCALES, seedProvince } from './province';

// `npm run seed -- --seed 7 --scale demo` (or --scale 12000 for a number of cases).
function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

function parseScale(value: string): number {
  if (value in SCALES) return SCALES[value as keyof typeof SCALES];
  const cases = Number(value);
  if (!Number.isInteger(cases) || cases < 1)
    throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')} or a number of cases, got "${value}"`);
  return cases;
}

async function main(): Promise<void> {
  const seed = Number(option('seed', '2026'));
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const cases = parseScale(option('scale', 'demo'));
  const mongo = await startMongo();
  try {
    const started = Date.now();
    const summary = await seedProvince({
      mongoUri: mongo.uri,
      databaseName: (name) => databaseName(name),
      seed,
      cases,
      showProgress: true,
    });
    for (const [subgraph, counts] of Object.entries(summary)) {
      console.log(
        `${subgraph}: ${Object.entries(counts)
          .map(([c, n]) => `${n} ${c}`)
          .join(', ')}`,
      );
    }
    console.log(`seeded ${cases} cases with seed ${seed} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await mongo.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
