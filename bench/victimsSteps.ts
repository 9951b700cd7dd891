import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Db } from 'mongodb';
import { createRandom } from '../domain/identifiers';
import { Outbox, type OutboxMessage } from '../subgraphs/kit/outbox';
import { allocate, type ClaimInput } from '../subgraphs/victims/allocation';
import { importLedgerFile } from '../subgraphs/victims/ledger';
import { OUTBOX_PREFIX, type MassCaseDocument } from '../subgraphs/victims/model';
import { FilePaymentChannel } from '../subgraphs/victims/paymentChannel';
import { createPayoutBatches, runPayoutBatch } from '../subgraphs/victims/payouts';
import { registerParticipants, validateRegistration, type ValidRegistration } from '../subgraphs/victims/registration';
import { formatYuan, paidSms } from '../subgraphs/victims/reminders';
import { VictimsRepository } from '../subgraphs/victims/repository';
import { announceRound } from '../subgraphs/victims/rounds';
import { verifyCase } from '../subgraphs/victims/verification';
import { ledgerCsvLine, syntheticParticipants } from '../seed/agencies/victims';
import { personName } from '../seed/names';

export interface Step {
  name: string;
  items: number;
  ms: number;
  /** Highest RSS sampled during the step (every 20 ms, and at its end). */
  peakRss: number;
  target?: string;
  note?: string;
}

export interface StepOptions {
  participants: number;
  reminders: number;
  batchSize: number;
  claims: number;
  workDir: string;
}

const CASE = '（2024）浙0102执1234号';

/** Runs `work`, sampling this process's RSS meanwhile; synchronous work is sampled at its end. */
async function measure<T>(steps: Step[], name: string, items: number, work: () => Promise<T> | T, extra: Partial<Step> = {}): Promise<T> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage().rss);
    steps.push({ name, items, ms, peakRss: peak, ...extra });
    process.stderr.write(`  ${name}: ${(ms / 1000).toFixed(2)} s, peak RSS ${Math.round(peak / 2 ** 20)} MiB\n`);
    return value;
  } finally {
    clearInterval(timer);
  }
}

export async function runSteps(db: Db, options: StepOptions): Promise<Step[]> {
  const steps: Step[] = [];
  const repo = new VictimsRepository(db);
  const outbox = new Outbox(db, { prefix: OUTBOX_PREFIX });
  const random = createRandom('victims-bench');
  const now = new Date();
  const ledgerPath = join(options.workDir, 'ledger.csv');

  // 1% register without being in the ledger, 2% of the ledger never register, 0.5% register under another name.
  let people = await measure(steps, 'generate the ledger file (CSV)', options.participants, async () => {
    const generated = syntheticParticipants(random, options.participants);
    const out = createWriteStream(ledgerPath);
    out.write('citizenId,name,principalPaidIn,principalReturned,interestAndRebates\n');
    for (const p of generated) if (!out.write(`${ledgerCsvLine(p)}\n`)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    return generated;
  });
  const ledgerSize = people.length;
  const claimValues = Float64Array.from(people, (p) => Math.max(0, p.principalPaidIn - p.principalReturned - p.interestAndRebates));
  const extra = syntheticParticipants(random, Math.floor(options.participants / 100), new Set(people.map((p) => p.citizenId)));
  let registrations: ValidRegistration[] = [...people.filter(() => !random.chance(0.02)), ...extra].map((p) =>
    validateRegistration(
      {
        caseNumber: CASE,
        citizenId: p.citizenId,
        name: random.chance(0.005) ? personName(random) : p.name,
        phone: p.phone,
        bankCard: p.bankCard,
      },
      now,
    ),
  );
  people = [];
  const massCase: MassCaseDocument = { _id: CASE, name: '某理财平台非法吸收公众存款案', declaredAt: now, objectionDays: 15 };
  await repo.massCases.insertOne(massCase);

  await measure(steps, 'register participants (+ REGISTERED SMS)', registrations.length, () =>
    registerParticipants(repo, outbox, registrations, now),
  );
  // What the reminders need, and nothing else, for the rest of the run.
  const contacts = registrations.map((r) => ({ participantId: r._id, phone: r.phone, bankCard: r.bankCard }));
  registrations = [];
  const imported = await measure(steps, 'import the ledger file', ledgerSize, () => importLedgerFile(repo, CASE, ledgerPath, now));
  if (imported.imported !== ledgerSize) throw new Error(`imported ${imported.imported} of ${ledgerSize} ledger entries`);
  const verification = await measure(steps, 'verify against the ledger (+ VERIFIED SMS)', ledgerSize + extra.length, () =>
    verifyCase(repo, outbox, massCase, now),
  );
  const counts = verification.counts;

  const claimInputs: ClaimInput[] = Array.from({ length: options.claims }, (_, i) => ({
    participantId: `P${i.toString(16).padStart(16, '0')}`,
    claim: claimValues[i % claimValues.length],
    allocated: 0,
  }));
  const totalClaims = claimInputs.reduce((s, c) => s + c.claim, 0);
  await measure(
    steps,
    `allocate ${options.claims.toLocaleString('en-US')} claims (pure, in memory)`,
    options.claims,
    () => allocate(claimInputs, Math.floor(totalClaims * 0.37)),
    { target: '< 1 s' },
  );
  claimInputs.length = 0;

  const allowed = verification.amounts
    ? verification.amounts.VERIFIED + verification.amounts.NAME_MISMATCH + verification.amounts.UNREGISTERED
    : 0;
  const round = await measure(steps, 'announce round 1: allocate and persist every allocation', ledgerSize + extra.length, () =>
    announceRound(repo, massCase, Math.floor(allowed * 0.4), now),
  );
  const batches = await measure(steps, `create payout batches (${options.batchSize} payments each)`, round.totals?.payees ?? 0, () =>
    createPayoutBatches(repo, round, options.batchSize, now),
  );
  const persisted = steps.slice(-2).reduce((s, step) => s + step.ms, 0);
  steps.push({
    name: '**round persisted** (announce + batches)',
    items: round.totals?.entries ?? 0,
    ms: persisted,
    peakRss: Math.max(...steps.slice(-2).map((s) => s.peakRss)),
    target: '< 2 min',
  });

  const channel = await FilePaymentChannel.open(join(options.workDir, 'payments.jsonl'));
  const first = await repo.batches.findOne({ _id: batches[0]._id });
  if (first)
    await measure(steps, 'run one payout batch (file channel, + PAID SMS)', first.count, () =>
      runPayoutBatch(repo, outbox, channel, first, round.number, now),
    );
  await channel.close();

  // The PAID SMS of the rounds after the first: about six rounds of 170,000 people make 1,000,000.
  await measure(
    steps,
    'enqueue reminders (outbox)',
    options.reminders,
    async () => {
      const chunk: OutboxMessage[] = [];
      for (let i = 0; i < options.reminders; i++) {
        const c = contacts[i % contacts.length];
        const roundNumber = 2 + Math.floor(i / contacts.length);
        chunk.push(
          paidSms({ participantId: c.participantId, caseNumber: CASE, phone: c.phone }, roundNumber, 1, 12_345 + (i % 1000), c.bankCard),
        );
        if (chunk.length === 10_000 || i === options.reminders - 1) {
          await outbox.enqueue(chunk);
          chunk.length = 0;
        }
      }
    },
    { target: '< 5 min (1,000,000)' },
  );
  const last = steps.find((s) => s.name.startsWith('verify'));
  if (last && counts)
    last.note = `verified ${counts.VERIFIED}, name mismatch ${counts.NAME_MISMATCH}, not in ledger ${counts.NOT_IN_LEDGER}, unregistered ${counts.UNREGISTERED}`;
  const announce = steps.find((s) => s.name.startsWith('announce'));
  if (announce && round.totals)
    announce.note = `payees ${round.totals.payees}, payable ${formatYuan(round.totals.payable)}, reserve ${round.totals.reservedPeople} people, escrow ${round.totals.escrowPeople} people`;
  return steps;
}
