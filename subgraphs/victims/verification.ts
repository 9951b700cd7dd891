import { chinaDate, datePlusDays, endOfChinaDay } from '../../domain/chinaTime';
import { domainError, ErrorCode } from '../../platform/errors';
import { insertIgnoringDuplicates, type Outbox, type OutboxMessage } from '../kit/outbox';
import { isDuplicateKey } from '../kit/mongo';
import { pairId, participantIdOf, verificationIdOf } from './ids';
import type {
  ClaimDocument,
  ClaimStatus,
  IssueDocument,
  LedgerEntryDocument,
  MassCaseDocument,
  ParticipantDocument,
  VerificationDocument,
} from './model';
import { verifiedSms } from './reminders';
import type { VictimsRepository } from './repository';

/** The end (23:59:59.999 China time) of the `days`-th day after the verification day. */
export function objectionDeadline(verifiedAt: Date, days: number): Date {
  return endOfChinaDay(datePlusDays(chinaDate(verifiedAt), days));
}

/** claim = principal paid in − principal returned − interest and rebates received; a net gain claims nothing. */
export function claimOf(entry: Pick<LedgerEntryDocument, 'principalPaidIn' | 'principalReturned' | 'interestAndRebates'>): number {
  return Math.max(0, entry.principalPaidIn - entry.principalReturned - entry.interestAndRebates);
}

function zeroes(): Record<ClaimStatus, number> {
  return { VERIFIED: 0, NAME_MISMATCH: 0, NOT_IN_LEDGER: 0, UNREGISTERED: 0 };
}

/** What verification reads of a registration and of a ledger entry. */
export type RegisteredPerson = Pick<ParticipantDocument, '_id' | 'citizenId' | 'name' | 'phone'>;
export type LedgerRow = Pick<LedgerEntryDocument, 'citizenId' | 'name' | 'principalPaidIn' | 'principalReturned' | 'interestAndRebates'>;

/** Matches registrations to the ledger by citizen ID; every person on either side gets one claim row. */
export function reconcile(
  verificationId: string,
  caseNumber: string,
  participants: ReadonlyMap<string, RegisteredPerson>,
  ledger: readonly LedgerRow[],
) {
  const claims: ClaimDocument[] = [];
  const issues: IssueDocument[] = [];
  const row = (participantId: string, status: ClaimStatus, name: string, entry?: LedgerRow): ClaimDocument => ({
    _id: pairId(verificationId, participantId),
    verificationId,
    caseNumber,
    participantId,
    status,
    name,
    principalPaidIn: entry?.principalPaidIn ?? 0,
    principalReturned: entry?.principalReturned ?? 0,
    interestAndRebates: entry?.interestAndRebates ?? 0,
    claim: entry ? claimOf(entry) : 0,
  });
  const inLedger = new Set<string>();
  for (const entry of ledger) {
    const participantId = participantIdOf(caseNumber, entry.citizenId);
    inLedger.add(participantId);
    const registered = participants.get(participantId);
    const status: ClaimStatus = !registered ? 'UNREGISTERED' : registered.name === entry.name ? 'VERIFIED' : 'NAME_MISMATCH';
    const claim = row(participantId, status, registered?.name ?? entry.name, entry);
    claims.push(claim);
    if (status !== 'VERIFIED') issues.push({ ...claim, citizenId: entry.citizenId, ledgerName: entry.name });
  }
  for (const p of participants.values()) {
    if (inLedger.has(p._id)) continue;
    const claim = row(p._id, 'NOT_IN_LEDGER', p.name);
    claims.push(claim);
    issues.push({ ...claim, citizenId: p.citizenId });
  }
  return { claims, issues };
}

/**
 * Verifies a case against its ledger: computes every claim, lists the mismatches and the unregistered
 * for staff, sets the objection deadline and tells each registered participant the outcome by SMS.
 * Each run is a new numbered verification; rounds use the latest finished one.
 */
export async function verifyCase(
  repo: VictimsRepository,
  outbox: Outbox,
  massCase: MassCaseDocument,
  now: Date,
): Promise<VerificationDocument> {
  const caseNumber = massCase._id;
  const number = ((await repo.verificationsOf(caseNumber)).at(-1)?.number ?? 0) + 1;
  const verificationId = verificationIdOf(caseNumber, number);
  try {
    await repo.verifications.insertOne({ _id: verificationId, caseNumber, number, startedAt: now, state: 'RUNNING' });
  } catch (error) {
    if (isDuplicateKey(error)) throw domainError(ErrorCode.INVALID_TRANSITION, `a verification of ${caseNumber} is already running`);
    throw error;
  }
  const participants = new Map<string, RegisteredPerson>();
  await repo.forEach<ParticipantDocument, RegisteredPerson>(repo.participants, { caseNumber }, (p) => participants.set(p._id, p), {
    citizenId: 1,
    name: 1,
    phone: 1,
  });
  const ledger: LedgerRow[] = [];
  await repo.forEach<LedgerEntryDocument, LedgerRow>(repo.ledger, { caseNumber }, (e) => ledger.push(e), {
    _id: 0,
    citizenId: 1,
    name: 1,
    principalPaidIn: 1,
    principalReturned: 1,
    interestAndRebates: 1,
  });
  if (ledger.length === 0) throw domainError(ErrorCode.INVALID_TRANSITION, `${caseNumber} has no ledger yet: import it first`);

  const { claims, issues } = reconcile(verificationId, caseNumber, participants, ledger);
  for (let start = 0; start < claims.length; start += 1000) await insertIgnoringDuplicates(repo.claims, claims.slice(start, start + 1000));
  for (let start = 0; start < issues.length; start += 1000) await insertIgnoringDuplicates(repo.issues, issues.slice(start, start + 1000));

  const counts = zeroes();
  const amounts = zeroes();
  for (const c of claims) {
    counts[c.status] += 1;
    amounts[c.status] += c.claim;
  }
  const deadline = objectionDeadline(now, massCase.objectionDays);
  const done: VerificationDocument = {
    _id: verificationId,
    caseNumber,
    number,
    startedAt: now,
    state: 'DONE',
    verifiedAt: now,
    objectionDeadline: deadline,
    counts,
    amounts,
  };
  // The verifications collection holds a few documents per case: an update there is cheap even on FerretDB.
  await repo.verifications.replaceOne({ _id: verificationId }, done);

  // In slices: 170,000 messages built at once would double the step's memory.
  let sms: OutboxMessage[] = [];
  for (const c of claims) {
    if (c.status === 'UNREGISTERED') continue;
    const p = participants.get(c.participantId) as RegisteredPerson;
    sms.push(verifiedSms({ participantId: p._id, caseNumber, phone: p.phone }, number, c.status, c.claim, deadline));
    if (sms.length === 10_000) {
      await outbox.enqueue(sms);
      sms = [];
    }
  }
  await outbox.enqueue(sms);
  return done;
}
