import { attestCaseBasis } from '../subgraphs/kit/auth/legalBasis';
import { caseAccountOf } from '../subgraphs/court/caseAccount';
import { debtPlusCosts } from '../domain/enforcementFee';
import { parseCaseNumber } from '../domain/identifiers';
import type { CaseDocument } from '../subgraphs/court/model';
import type { Identity } from '../platform/identity';
import type { Harness } from './harness';
import { TEST_OFFICER } from './identities';

/** A case a test needs in the court's own record: by default OPEN, of the number's court, assigned to TEST_OFFICER. */
export interface TestCase {
  caseNumber: string;
  respondentIds: string[];
  applicantIds?: string[];
  amountOwed?: number;
  officerId?: string;
  status?: CaseDocument['status'];
}

const DEFAULT_OWED = 400_000_00;

function caseDocument(spec: TestCase, now: Date): CaseDocument {
  const parsed = parseCaseNumber(spec.caseNumber);
  if (typeof parsed === 'string') throw new Error(`test case ${spec.caseNumber}: ${parsed}`);
  return {
    _id: spec.caseNumber,
    year: parsed.year,
    courtCode: parsed.courtCode,
    type: 'FIRST_ENFORCEMENT',
    sequence: parsed.sequence,
    officerId: spec.officerId ?? TEST_OFFICER.officerId ?? '330102-0001',
    applicantIds: spec.applicantIds ?? [],
    respondentIds: spec.respondentIds,
    amountOwed: spec.amountOwed ?? DEFAULT_OWED,
    filedAt: now,
    status: spec.status ?? 'OPEN',
    currentNode: 'INVESTIGATION_AND_CONTROL',
    timeline: [{ node: 'FILED', enteredAt: now }],
  };
}

/** Files cases in the court's database, as its case management system would: a legal basis the court can attest. */
export async function fileCases(h: Harness, cases: readonly TestCase[], now = new Date()): Promise<void> {
  const court = h.subgraphs.get('court');
  if (!court) throw new Error('fileCases needs the court subgraph running in the harness');
  if (cases.length > 0) await court.db.collection<CaseDocument>('cases').insertMany(cases.map((spec) => caseDocument(spec, now)));
}

/** The court's notice for acting through a case (EnforcementCase.basis), as `as` gets it through the gateway. */
export async function basisOf(h: Harness, caseNumber: string, as: Identity = TEST_OFFICER): Promise<string> {
  const response = await h.query<{ enforcementCase: { basis: string | null } | null }>(
    'query Basis($caseNumber: String!) { enforcementCase(caseNumber: $caseNumber) { basis } }',
    { caseNumber },
    { as },
  );
  const basis = response.data?.enforcementCase?.basis;
  if (!basis)
    throw new Error(`the court gave ${as.userId} no notice for ${caseNumber}: ${JSON.stringify(response.errors ?? response.data)}`);
  return basis;
}

/**
 * The court's notice as the court would sign it, for tests of one register started alone (no court to ask):
 * signed with the development LEGAL_BASIS key, for TEST_OFFICER unless another user is named.
 */
export function noticeFor(spec: TestCase, user: Identity = TEST_OFFICER, now = new Date()): string {
  const doc = caseDocument(spec, now);
  return attestCaseBasis(
    {
      userId: user.userId,
      courtCode: doc.courtCode,
      caseNumber: doc._id,
      respondentIds: doc.respondentIds,
      debtPlusCosts: debtPlusCosts(doc.amountOwed),
      caseAccount: caseAccountOf(doc._id),
    },
    now,
  );
}
