import { exampleCase, FALLBACK_CASE } from './example';
import { developmentTokens } from './devTokens';

/**
 * `npm run tokens`: the development tokens again, for curl or another client. With MONGODB_URI the
 * officer's claims come from the example case of `npm start`; otherwise from `--court` and `--officer`,
 * or the seed's first court and officer (phase 1 checks that claims are present, not that they match a case).
 */
function flag(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  // Development tokens are all this tool makes, and only the development mode's key can sign them.
  process.env.DEVELOPMENT_MODE = 'true';
  const uri = process.env.MONGODB_URI;
  const found = uri ? await exampleCase(uri) : undefined;
  const court = flag('court') ?? found?.court ?? FALLBACK_CASE.court;
  const officerId = flag('officer') ?? found?.officerId ?? FALLBACK_CASE.officerId;
  if (found) console.log(`Officer of the example case ${found.caseNumber}.`);
  console.log((await developmentTokens({ court, officerId })).text);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
