/**
 * Benchmark of contended seals (not a test): N seal requests on one real-estate unit at once, each from its
 * own open case, through our gateway, on a fresh embedded FerretDB holding a seeded province.
 *
 *   npx tsx bench/seals.ts [--cases 3000] [--concurrency 30,100] [--report bench/seals-report.md]
 *
 * Per round: every request must be answered (no error), the ranks must be 0..N-1 without gaps or
 * duplicates, and rank order must equal receipt order (the register's acknowledgedAt, ties in the order
 * it received them, kept as seq).
 * Prints and writes client latency (p50, p95, max) and the wall time of the round.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MongoClient } from 'mongodb';
import { developmentIdentities, developmentToken } from '../gateway/auth/devTokens';
import { parseCaseNumber } from '../domain/identifiers';
import { SCALES } from '../seed/province';
import type { CaseDocument } from '../subgraphs/court/model';
import type { AssetDocument, ControlDocument } from '../subgraphs/kit/register/model';
import { describeMachine, versions } from './machine';
import { startStack, type Stack } from './stack';
import { percentile } from './stats';

interface Options {
  cases: number;
  concurrency: number[];
  report: string;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { cases: SCALES.demo, concurrency: [30, 100], report: resolve(__dirname, 'seals-report.md') };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    if (flag === '--cases' && Number(value) > 0) options.cases = Number(value);
    else if (flag === '--concurrency' && value.split(',').every((n) => Number(n) > 0)) options.concurrency = value.split(',').map(Number);
    else if (flag === '--report' && value) options.report = resolve(value);
    else
      throw new Error(
        `unknown option or bad value: ${flag} ${value}\nusage: npx tsx bench/seals.ts [--cases n] [--concurrency 30,100] [--report path]`,
      );
  }
  return options;
}

const COURT = '浙0102';
const HEAD = developmentIdentities({ court: COURT, officerId: 'bench' }).DIVISION_HEAD;
const SEAL = 'mutation Seal($input: ControlRequestInput!) { requestRealEstateControl(input: $input) { id rank acknowledgedAt } }';
const BASIS = 'query Basis($caseNumber: String!) { enforcementCase(caseNumber: $caseNumber) { basis } }';

interface Round {
  concurrency: number;
  answered: number;
  failures: string[];
  p50: number;
  p95: number;
  max: number;
  wallMs: number;
  ranksGapless: boolean;
  rankOrderIsReceiptOrder: boolean;
  answersMatchStored: boolean;
}

async function post<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: T; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T; errors?: { message: string }[] };
}

/** A free unit and N new open cases of the court naming its owner, filed as the court's case system would. */
async function prepare(
  stack: Stack,
  client: MongoClient,
  concurrency: number,
  round: number,
  used: Set<string>,
): Promise<{ unit: AssetDocument; caseNumbers: string[] }> {
  const re = client.db(stack.databaseName('realestate'));
  const controlled = new Set((await re.collection<ControlDocument>('controls').distinct('assetId')) as string[]);
  const unit = (await re.collection<AssetDocument>('assets').find({ category: 'REAL_ESTATE' }).toArray()).find(
    (a) => !controlled.has(a._id) && !used.has(a._id),
  );
  if (!unit) throw new Error('no free real-estate unit left in the seeded province');
  used.add(unit._id);
  const now = new Date();
  const caseNumbers = Array.from({ length: concurrency }, (_, n) => `（2026）${COURT}执${80_000 + round * 1000 + n}号`);
  const cases: CaseDocument[] = caseNumbers.map((caseNumber) => {
    const parsed = parseCaseNumber(caseNumber);
    if (typeof parsed === 'string') throw new Error(parsed);
    return {
      _id: caseNumber,
      year: parsed.year,
      courtCode: parsed.courtCode,
      type: 'FIRST_ENFORCEMENT',
      sequence: parsed.sequence,
      officerId: 'bench',
      applicantIds: [],
      respondentIds: [unit.ownerIds[0] as string],
      amountOwed: 400_000_00,
      filedAt: now,
      status: 'OPEN',
      currentNode: 'INVESTIGATION_AND_CONTROL',
      timeline: [{ node: 'FILED', enteredAt: now }],
    };
  });
  await client.db(stack.databaseName('court')).collection<CaseDocument>('cases').insertMany(cases);
  return { unit, caseNumbers };
}

async function runRound(
  stack: Stack,
  client: MongoClient,
  token: string,
  concurrency: number,
  round: number,
  used: Set<string>,
): Promise<Round> {
  const { unit, caseNumbers } = await prepare(stack, client, concurrency, round, used);
  const bases = await Promise.all(
    caseNumbers.map(
      async (caseNumber) =>
        (await post<{ enforcementCase: { basis: string } }>(stack.gateway.url, token, BASIS, { caseNumber })).data?.enforcementCase.basis,
    ),
  );
  const inputs = caseNumbers.map((caseNumber, n) => ({
    caseNumber,
    partyId: unit.ownerIds[0],
    assetId: unit._id,
    measure: 'SEAL',
    documentNumber: `${caseNumber}之一`,
    idempotencyKey: `bench-seal-${round}-${n}`,
    officer: { name: '王法官', phone: '13805711234' },
    basis: bases[n],
  }));
  type Answer = { requestRealEstateControl: { id: string; rank: number; acknowledgedAt: string } | null };
  const started = performance.now();
  const sent = await Promise.all(
    inputs.map(async (input) => {
      const at = performance.now();
      const body = await post<Answer>(stack.gateway.url, token, SEAL, { input });
      return { body, ms: performance.now() - at };
    }),
  );
  const wallMs = performance.now() - started;
  const answers = sent.flatMap((s) => (s.body.data?.requestRealEstateControl ? [s.body.data.requestRealEstateControl] : []));
  const failures = sent.flatMap((s) => s.body.errors?.map((e) => `${e.extensions?.code ?? ''} ${e.message}`) ?? []);
  const latencies = sent.map((s) => s.ms).sort((a, b) => a - b);

  const stored = await client
    .db(stack.databaseName('realestate'))
    .collection<ControlDocument>('controls')
    .find({ assetId: unit._id })
    .toArray();
  const receipt = (c: ControlDocument) => c.acknowledgedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  // Ties (one millisecond) in the order the register received them, which it keeps as seq.
  const byReceipt = [...stored].sort((a, b) => receipt(a) - receipt(b) || a.seq - b.seq);
  const ranks = answers.map((a) => a.rank).sort((a, b) => a - b);
  return {
    concurrency,
    answered: answers.length,
    failures,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    wallMs,
    ranksGapless: ranks.length === concurrency && ranks.every((rank, n) => rank === n),
    rankOrderIsReceiptOrder: byReceipt.every((control, n) => control.rank === n),
    answersMatchStored: answers.every((a) => stored.find((c) => c._id === a.id)?.rank === a.rank),
  };
}

function render(options: Options, stack: Stack, rounds: Round[]): string {
  const machine = describeMachine();
  const v = versions();
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**');
  return [
    '# Contended seals',
    '',
    `Generated by \`npx tsx bench/seals.ts --cases ${options.cases} --concurrency ${options.concurrency.join(',')}\` on ${new Date().toISOString()}.`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(0)} GiB, ${machine.os}; Node ${v.node ?? process.version}, FerretDB ${v['FerretDB (embedded)'] ?? 'unknown'} (embedded).`,
    `Province: ${options.cases} cases (seeded in ${stack.seedSeconds.toFixed(0)} s). Every request is a SEAL of the same free real-estate unit, each from its own open case of court ${COURT}, sent at once through our gateway by its division head.`,
    '',
    '| concurrent | answered | p50 ms | p95 ms | max ms | round ms | ranks 0..n-1 | rank order = receipt order | answers = stored ranks |',
    '|---:|---:|---:|---:|---:|---:|---|---|---|',
    ...rounds.map(
      (r) =>
        `| ${r.concurrency} | ${r.answered} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.max.toFixed(0)} | ${r.wallMs.toFixed(0)} | ${yes(r.ranksGapless)} | ${yes(r.rankOrderIsReceiptOrder)} | ${yes(r.answersMatchStored)} |`,
    ),
    '',
    ...rounds.flatMap((r) =>
      r.failures.length > 0 ? [`Failures at ${r.concurrency}: ${[...new Set(r.failures)].slice(0, 5).join('; ')}`, ''] : [],
    ),
    'Target (issue 13): p95 ≤ 2 s at 30 concurrent requests on the demo province.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  process.env.DEVELOPMENT_MODE = 'true';
  const stack = await startStack({ seed: 2026, cases: options.cases });
  const client = await MongoClient.connect(stack.mongoUri);
  try {
    const token = await developmentToken(HEAD, { lifetime: '1h' });
    const used = new Set<string>();
    const rounds: Round[] = [];
    for (const [round, concurrency] of options.concurrency.entries()) {
      const result = await runRound(stack, client, token, concurrency, round, used);
      console.log(
        `${concurrency} concurrent seals: ${result.answered} answered, p50 ${result.p50.toFixed(0)} ms, p95 ${result.p95.toFixed(0)} ms, max ${result.max.toFixed(0)} ms; ranks gapless ${result.ranksGapless}, rank order = receipt order ${result.rankOrderIsReceiptOrder}`,
      );
      rounds.push(result);
    }
    const report = render(options, stack, rounds);
    writeFileSync(options.report, report);
    console.log(`\n${report}\nwrote ${options.report}`);
  } finally {
    await client.close();
    await stack.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
