import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { badUserInput, domainError, ErrorCode } from '../../platform/errors';
import { checkCitizenId, maskCitizenId, normaliseCitizenId } from '../../domain/identifiers';
import { insertIgnoringDuplicates } from '../kit/outbox';
import { participantIdOf } from './ids';
import type { LedgerEntryDocument } from './model';
import type { VictimsRepository } from './repository';

/**
 * The ledger (台账) the police or the auditor hands over per case, as CSV:
 * citizenId,name,principalPaidIn,principalReturned,interestAndRebates — amounts in fen, an optional header line.
 */
export interface LedgerLine {
  line: number;
  citizenId: string;
  name: string;
  principalPaidIn: number;
  principalReturned: number;
  interestAndRebates: number;
}

export interface LedgerProblem {
  line: number;
  reason: string;
}

const AMOUNT = /^\d{1,15}$/;
const AMOUNT_FIELDS = ['principalPaidIn', 'principalReturned', 'interestAndRebates'] as const;

export function parseLedgerLine(text: string, line: number, today: Date): LedgerLine | string {
  const fields = text.split(',').map((f) => f.trim());
  if (fields.length !== 5)
    return `expected 5 fields (citizenId,name,principalPaidIn,principalReturned,interestAndRebates), got ${fields.length}`;
  const citizenId = normaliseCitizenId(fields[0]);
  const idProblem = checkCitizenId(citizenId, today);
  if (idProblem) return `citizenId: ${idProblem}`;
  if (fields[1] === '' || fields[1].length > 40) return 'name: must be 1 to 40 characters';
  const amounts: number[] = [];
  for (const [i, field] of AMOUNT_FIELDS.entries()) {
    if (!AMOUNT.test(fields[i + 2])) return `${field}: must be a whole number of fen`;
    amounts.push(Number(fields[i + 2]));
  }
  return { line, citizenId, name: fields[1], principalPaidIn: amounts[0], principalReturned: amounts[1], interestAndRebates: amounts[2] };
}

/** Collects every line, or every problem (the first 20 are reported); a ledger is taken whole or not at all. */
export class LedgerReader {
  readonly entries: LedgerLine[] = [];
  readonly problems: LedgerProblem[] = [];
  private readonly seen = new Map<string, number>();
  private count = 0;

  constructor(private readonly today: Date) {}

  add(text: string): void {
    this.count += 1;
    const line = this.count;
    if (text.trim() === '' || (line === 1 && /^\s*citizenId\s*,/i.test(text))) return;
    const parsed = parseLedgerLine(text, line, this.today);
    if (typeof parsed === 'string') return void this.problems.push({ line, reason: parsed });
    const earlier = this.seen.get(parsed.citizenId);
    if (earlier !== undefined)
      return void this.problems.push({ line, reason: `citizenId ${maskCitizenId(parsed.citizenId)} is already on line ${earlier}` });
    this.seen.set(parsed.citizenId, line);
    this.entries.push(parsed);
  }

  /** The entries, or BAD_USER_INPUT naming `field` with the first problems. */
  result(field: string): LedgerLine[] {
    if (this.problems.length === 0) {
      if (this.entries.length === 0) throw badUserInput(field, 'the ledger has no entries');
      return this.entries;
    }
    const first = this.problems[0];
    throw domainError(
      ErrorCode.BAD_USER_INPUT,
      `${field}: line ${first.line}: ${first.reason}${this.problems.length > 1 ? ` (and ${this.problems.length - 1} more)` : ''}`,
      {
        field,
        reason: first.reason,
        problems: this.problems.slice(0, 20),
      },
    );
  }
}

export function parseLedger(csv: string, today: Date, field = 'csv'): LedgerLine[] {
  const reader = new LedgerReader(today);
  for (const text of csv.split(/\r?\n/)) reader.add(text);
  return reader.result(field);
}

/** A ledger file too large for a request (the benchmark's 170,000 lines), read line by line. */
export async function readLedgerFile(path: string, today: Date): Promise<LedgerLine[]> {
  const reader = new LedgerReader(today);
  for await (const text of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) reader.add(text);
  return reader.result(path);
}

export interface LedgerImportResult {
  entries: number;
  imported: number;
  /** Already imported with the same amounts (a re-import). */
  unchanged: number;
  /** Already imported with different amounts: kept as they were, for staff to settle. */
  conflicts: { line: number; citizenId: string; reason: string }[];
}

function sameEntry(a: LedgerEntryDocument, b: LedgerLine): boolean {
  return (
    a.name === b.name &&
    a.principalPaidIn === b.principalPaidIn &&
    a.principalReturned === b.principalReturned &&
    a.interestAndRebates === b.interestAndRebates
  );
}

/** Inserts the entries 1,000 at a time; an entry already there is compared, never overwritten. */
export async function importLedger(
  repo: VictimsRepository,
  caseNumber: string,
  lines: readonly LedgerLine[],
  now: Date,
): Promise<LedgerImportResult> {
  const repeated: LedgerLine[] = [];
  for (let start = 0; start < lines.length; start += 1000) {
    const chunk = lines.slice(start, start + 1000);
    const docs: LedgerEntryDocument[] = chunk.map((l) => ({
      _id: participantIdOf(caseNumber, l.citizenId),
      caseNumber,
      citizenId: l.citizenId,
      name: l.name,
      principalPaidIn: l.principalPaidIn,
      principalReturned: l.principalReturned,
      interestAndRebates: l.interestAndRebates,
      importedAt: now,
    }));
    for (const index of await insertIgnoringDuplicates(repo.ledger, docs)) repeated.push(chunk[index]);
  }
  const conflicts: LedgerImportResult['conflicts'] = [];
  if (repeated.length > 0) {
    // One read of the case's ledger for all repeats: per-entry lookups each cost a scan on FerretDB.
    const stored = new Map<string, LedgerEntryDocument>();
    await repo.forEach(repo.ledger, { caseNumber }, (doc) => stored.set(doc.citizenId, doc));
    for (const line of repeated) {
      const existing = stored.get(line.citizenId);
      if (existing && !sameEntry(existing, line)) {
        conflicts.push({
          line: line.line,
          citizenId: maskCitizenId(line.citizenId),
          reason: 'already in the ledger with other amounts or name; the first import stands',
        });
      }
    }
  }
  return { entries: lines.length, imported: lines.length - repeated.length, unchanged: repeated.length - conflicts.length, conflicts };
}

/** The benchmark's and a batch job's way in: a ledger file on disk, validated whole, then imported. */
export async function importLedgerFile(repo: VictimsRepository, caseNumber: string, path: string, now: Date): Promise<LedgerImportResult> {
  return importLedger(repo, caseNumber, await readLedgerFile(path, now), now);
}
