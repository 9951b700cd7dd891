import { generateCourt } from '../../seed/agencies/court';
import { generateTaxation } from '../../seed/agencies/taxation';
import { DEFAULT_AS_OF } from '../../seed/province';
import type { World } from '../../seed/world';
import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { noticeFor } from '../../test/cases';
import { divisionHeadOf, TEST_OFFICER } from '../../test/identities';
import { ACCESS_LOG, subjectHash, type AccessEntry } from '../kit/audit/accessLog';
import { accessLogKey } from '../kit/audit/key';
import {
  checkCaseNumber,
  checkCitizenId,
  checkTaxRefundNumber,
  checkUnitNumber,
  checkUscc,
  createRandom,
  formatTaxRefundNumber,
} from '../../domain/identifiers';
import type { ControlDocument } from '../kit/register/model';
import taxation from './index';
import type { ClearanceDocument, TaxpayerDocument, TaxRefundDocument } from './model';

const court = generateCourt(createRandom('7:court'), 400, DEFAULT_AS_OF);
const world: World = {
  asOf: DEFAULT_AS_OF,
  parties: court.parties,
  partyById: new Map(court.parties.map((p) => [p.id, p])),
  cases: court.cases,
};
const data = generateTaxation(world, createRandom('7:taxation'));
const refunds = data.assets as TaxRefundDocument[];
const controls = data.controls as ControlDocument[];
const taxpayers = data.taxpayers as TaxpayerDocument[];
const clearances = data.clearances as ClearanceDocument[];
const CASE = '（2026）浙0102执1号';
const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const respondentsOf = (caseNumber: string) => world.cases.find((c) => c._id === caseNumber)?.respondentIds ?? [];
/** The court's notice for a case of the generated world, as the test officer gets it. */
const noticeOfCase = (caseNumber: string) => noticeFor({ caseNumber, respondentIds: respondentsOf(caseNumber) });

let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(taxation, 'taxation_unit', data);
});
afterAll(() => h?.stop());

const FINDINGS = `taxFindings { agency categories { category count totalEstimatedValue controllableValue assets { id
  ... on TaxRefund { taxpayerNumber taxType taxPeriod amountPayable approvedOn status controls { rank } } } } }`;
interface Findings {
  taxFindings: {
    agency: string;
    categories: {
      category: string;
      count: number;
      totalEstimatedValue: number;
      controllableValue: number;
      assets: Record<string, unknown>[];
    }[];
  };
}

describe('tax findings', () => {
  it('answers TAX_REFUND with count, value and refund fields matching the register', async () => {
    const counts = new Map<string, number>();
    for (const refund of refunds) counts.set(refund.taxpayerNumber, (counts.get(refund.taxpayerNumber) ?? 0) + 1);
    const owner = [...counts].sort((a, b) => b[1] - a[1])[0][0];
    const own = refunds.filter((r) => r.ownerIds.includes(owner));
    const [found] = await h.caseParties<Findings>([{ caseNumber: CASE, partyId: owner }], FINDINGS);
    expect(found.taxFindings.agency).toBe('TAXATION');
    const [entry] = found.taxFindings.categories;
    expect(found.taxFindings.categories.map((c) => c.category)).toEqual(['TAX_REFUND']);
    expect(entry.count).toBe(own.length);
    expect(entry.totalEstimatedValue).toBe(own.reduce((sum, r) => sum + r.amountPayable, 0));
    expect(entry.controllableValue).toBe(own.reduce((sum, r) => sum + r.amountPayable - r.securedClaims, 0));
    expect(entry.assets.map((a) => a.id).sort()).toEqual(own.map((r) => r._id).sort());
    const first = own[0];
    expect(entry.assets.find((a) => a.id === first._id)).toMatchObject({
      taxpayerNumber: owner,
      taxType: first.taxType,
      taxPeriod: first.taxPeriod,
      amountPayable: first.amountPayable,
      approvedOn: date(first.approvedOn),
      status: 'APPROVED',
    });
  });

  it('honours the category filter and asks nothing of the database for other categories', async () => {
    const owner = refunds[0].ownerIds[0];
    const events: string[] = [];
    const listener = (event: { commandName: string }) => events.push(event.commandName);
    h.subgraph.client.on('commandStarted', listener);
    const [other] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: owner }],
      'taxFindings(categories: [BANK_DEPOSIT]) { agency categories { category count assets { id } } }',
    );
    h.subgraph.client.off('commandStarted', listener);
    expect(other.taxFindings.categories).toEqual([]);
    expect(events).toEqual([]);
    const [own] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: owner }],
      'taxFindings(categories: [TAX_REFUND, REAL_ESTATE]) { agency categories { category count assets { id } } }',
    );
    expect(own.taxFindings.categories.map((c) => c.category)).toEqual(['TAX_REFUND']);
  });

  it('gives an empty entry and no tax record for a party the bureau does not know', async () => {
    const [found] = await h.caseParties<Findings & { taxRecord: unknown }>(
      [{ caseNumber: CASE, partyId: '11010519491231002X' }],
      `${FINDINGS} taxRecord { taxpayerNumber }`,
    );
    expect(found.taxFindings.categories).toEqual([
      { category: 'TAX_REFUND', count: 0, totalEstimatedValue: 0, controllableValue: 0, assets: [] },
    ]);
    expect(found.taxRecord).toBeNull();
  });
});

describe('tax records', () => {
  const RECORD = 'taxRecord { taxpayerNumber taxpayerStatus creditRating taxOwed lastFiledOn registeredAuthority }';

  it('answers an organisation with arrears and a person without a rating, as registered', async () => {
    const debtor = taxpayers.find((t) => t.taxOwed > 0) as TaxpayerDocument;
    const person = taxpayers.find((t) => t.creditRating === null) as TaxpayerDocument;
    const found = await h.caseParties<{ taxRecord: Record<string, unknown> }>(
      [debtor, person].map((t) => ({ caseNumber: CASE, partyId: t._id })),
      RECORD,
    );
    expect(found.map((f) => f.taxRecord)).toEqual(
      [debtor, person].map((t) => ({
        taxpayerNumber: t._id,
        taxpayerStatus: t.taxpayerStatus,
        creditRating: t.creditRating,
        taxOwed: t.taxOwed,
        lastFiledOn: date(t.lastFiledOn),
        registeredAuthority: t.registeredAuthority,
      })),
    );
    expect(found[0].taxRecord.registeredAuthority).toMatch(/^国家税务总局.+税务局$/);
  });
});

describe('tax controls', () => {
  it('ranks the measures on each refund 0..n by receipt, the first active and the rest waiting', () => {
    const byAsset = new Map<string, ControlDocument[]>();
    for (const c of controls) byAsset.set(c.assetId, [...(byAsset.get(c.assetId) ?? []), c]);
    expect(controls.length).toBeGreaterThan(0);
    for (const queue of byAsset.values()) {
      const ranked = [...queue].sort((a, b) => a.rank - b.rank);
      expect(ranked.map((c) => c.rank)).toEqual(ranked.map((_, i) => i));
      expect(ranked.map((c) => c.status)).toEqual(ranked.map((_, i) => (i === 0 ? 'ACTIVE' : 'WAITING')));
      const received = ranked.map((c) => (c.acknowledgedAt as Date).getTime());
      expect(received).toEqual([...received].sort((a, b) => a - b));
      const refund = refunds.find((r) => r._id === ranked[0].assetId) as TaxRefundDocument;
      const owed = (c: ControlDocument) => world.cases.find((x) => x._id === c.caseNumber)?.amountOwed ?? 0;
      expect(ranked.every((c) => c.measure === 'FREEZE' && c.amount === Math.min(refund.amountPayable, owed(c)))).toBe(true);
      expect(ranked[0].requestedAt.getTime()).toBeGreaterThan(refund.approvedOn.getTime());
    }
  });

  const longestQueue = () => {
    const assetId = [...controls].sort((a, b) => b.rank - a.rank)[0].assetId;
    return controls.filter((c) => c.assetId === assetId);
  };

  it('lists a case’s measures and a refund’s measures in force in rank order, through the court’s notice for the case', async () => {
    const queue = longestQueue();
    const assetId = queue[0].assetId;
    const caseNumber = queue[0].caseNumber;
    const basis = noticeOfCase(caseNumber);
    const response = await h.query<{
      _entities: { taxControls: { id: string; rank: number; amount: number }[] }[];
      taxRefund: { controls: { rank: number; caseNumber: string }[] };
    }>(
      `query($r: [_Any!]!, $id: String!, $c: String!, $b: String!) {
        _entities(representations: $r) { ... on EnforcementCase { taxControls { id rank amount } } }
        taxRefund(id: $id, caseNumber: $c, basis: $b) { controls { rank caseNumber } }
      }`,
      { r: [{ __typename: 'EnforcementCase', caseNumber, basis }], id: assetId, c: caseNumber, b: basis },
    );
    expect(response.errors).toBeUndefined();
    const ofCase = controls.filter((c) => c.caseNumber === caseNumber);
    expect(response.data?._entities[0].taxControls.map((c) => c.id).sort()).toEqual(ofCase.map((c) => c._id).sort());
    expect(response.data?.taxRefund.controls.map((c) => c.rank)).toEqual(queue.map((_, i) => i));
  });

  it.each([
    ['no notice', () => undefined],
    ['a token that is no notice', () => 'x'],
    [
      'a notice for another case',
      () => noticeFor({ caseNumber: '（2026）浙0102执99999号', respondentIds: respondentsOf(longestQueue()[0].caseNumber) }),
    ],
    [
      'a notice for another user',
      () =>
        noticeFor(
          { caseNumber: longestQueue()[0].caseNumber, respondentIds: respondentsOf(longestQueue()[0].caseNumber) },
          divisionHeadOf('浙0102'),
        ),
    ],
  ])('refuses a case’s measures on EnforcementCase with FORBIDDEN for %s', async (_label, basis) => {
    const caseNumber = longestQueue()[0].caseNumber;
    const response = await h.query<{ _entities: { taxControls: unknown }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on EnforcementCase { taxControls { id } } } }',
      { r: [{ __typename: 'EnforcementCase', caseNumber, basis: basis() }] },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?._entities[0].taxControls ?? null).toBeNull();
  });
});

describe('root look-ups', () => {
  const refund = refunds[0];
  // A refund none of whose holders holds `refund`: nobody the notice below names.
  const strangers = refunds.find((r) => !r.ownerIds.some((id) => refund.ownerIds.includes(id))) as TaxRefundDocument;
  const notice = noticeFor({ caseNumber: CASE, respondentIds: refund.ownerIds });
  const missingNumber = formatTaxRefundNumber({ taxpayerNumber: '91110000600037341L', year: 2026, sequence: 9 });
  const REFUND = 'query($id: String!, $c: String!, $b: String!) { taxRefund(id: $id, caseNumber: $c, basis: $b) { id amountPayable } }';
  const logOf = (subjectId: string) =>
    h.subgraph.db
      .collection<AccessEntry>(ACCESS_LOG)
      .find({ subjectHash: subjectHash(accessLogKey(), subjectId), operation: 'taxRefund' })
      .toArray();

  it('finds a respondent’s refund by number, and null for a well-formed number nobody holds', async () => {
    const response = await h.query<{ found: { id: string; amountPayable: number } | null; missing: unknown }>(
      `query($id: String!, $missing: String!, $c: String!, $b: String!) {
        found: taxRefund(id: $id, caseNumber: $c, basis: $b) { id amountPayable }
        missing: taxRefund(id: $missing, caseNumber: $c, basis: $b) { id }
      }`,
      { id: refund._id.toLowerCase(), missing: missingNumber, c: CASE, b: notice },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.found).toEqual({ id: refund._id, amountPayable: refund.amountPayable });
    expect(response.data?.missing).toBeNull();
  });

  it('logs a refund found, with its respondent holder as the subject', async () => {
    const before = (await logOf(refund.ownerIds[0])).length;
    expect((await h.query(REFUND, { id: refund._id, c: CASE, b: notice })).errors).toBeUndefined();
    const log = await logOf(refund.ownerIds[0]);
    expect(log).toHaveLength(before + 1);
    expect(log[log.length - 1]).toMatchObject({
      userId: TEST_OFFICER.userId,
      caseNumber: CASE,
      answeredBy: 'TAXATION',
      categories: ['TAX_REFUND'],
      resultCount: 1,
    });
  });

  it('answers null, as for a number nobody holds, for a refund no respondent of the case holds, and logs nothing of its holder', async () => {
    expect(strangers).toBeDefined();
    const before = (await logOf(strangers.ownerIds[0])).length;
    const [other, missing] = await Promise.all([
      h.query(REFUND, { id: strangers._id, c: CASE, b: notice }),
      h.query(REFUND, { id: missingNumber, c: CASE, b: notice }),
    ]);
    expect(other).toEqual(missing);
    expect(other).toEqual({ data: { taxRefund: null } });
    expect(await logOf(strangers.ownerIds[0])).toHaveLength(before);
  });

  it.each([
    ['a token that is no notice', () => 'x'],
    ['a notice for another case', () => noticeFor({ caseNumber: '（2026）浙0102执2号', respondentIds: refund.ownerIds })],
    ['a notice for another user', () => noticeFor({ caseNumber: CASE, respondentIds: refund.ownerIds }, divisionHeadOf('浙0102'))],
  ])('refuses a look-up with FORBIDDEN for %s', async (_label, basis) => {
    const response = await h.query<{ taxRefund: unknown }>(REFUND, { id: refund._id, c: CASE, b: basis() });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?.taxRefund ?? null).toBeNull();
  });

  it.each([
    ['taxRefund(id: "TR123", caseNumber: "（2026）浙0102执1号", basis: "x") { id }', 'id'],
    [`taxRefund(id: "${refund._id}", caseNumber: "2026-1", basis: "x") { id }`, 'caseNumber'],
    ['taxClearance(caseNumber: "（2026）浙0102执1号", unitId: "330102001001GB00123K00010001") { settled }', 'unitId'],
    ['taxClearance(caseNumber: "no case", unitId: "330102001001GB00123F00010001") { settled }', 'caseNumber'],
  ])('refuses %s with BAD_USER_INPUT naming %s', async (field, argument) => {
    const response = await h.query(`{ ${field} }`);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: argument });
  });

  it('answers a clearance by case and unit, settled only when paid in full, and null where none was assessed', async () => {
    const clearance = clearances[0];
    const response = await h.query<{ found: Record<string, unknown>; missing: unknown }>(
      `query($c: String!, $u: String!, $other: String!, $b: String) {
        found: taxClearance(caseNumber: $c, unitId: $u, basis: $b) { caseNumber unitId settled taxDue taxPaid assessedOn settledOn taxAuthority }
        missing: taxClearance(caseNumber: $c, unitId: $other, basis: $b) { settled }
      }`,
      {
        c: clearance.caseNumber.replace('（', '(').replace('）', ')'),
        u: clearance.unitId,
        other: '330102001001GB00123F00010001',
        b: noticeOfCase(clearance.caseNumber),
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.found).toEqual({
      caseNumber: clearance.caseNumber,
      unitId: clearance.unitId,
      settled: clearance.settledOn !== null && clearance.taxPaid >= clearance.taxDue,
      taxDue: clearance.taxDue,
      taxPaid: clearance.taxPaid,
      assessedOn: date(clearance.assessedOn),
      settledOn: date(clearance.settledOn),
      taxAuthority: clearance.taxAuthority,
    });
    expect(response.data?.missing).toBeNull();
  });
});

describe('tax seed', () => {
  it('gives a refund to some respondent of an open case', () => {
    const open = new Set(world.cases.filter((c) => c.status === 'OPEN').flatMap((c) => c.respondentIds));
    expect(refunds.some((r) => r.ownerIds.some((id) => open.has(id)))).toBe(true);
  });

  it('registers every organisation and only valid identifiers', () => {
    const registered = new Set(taxpayers.map((t) => t._id));
    expect(world.parties.filter((p) => p.kind === 'ORGANISATION').every((p) => registered.has(p.id))).toBe(true);
    expect(refunds.filter((r) => checkTaxRefundNumber(r._id) !== null)).toEqual([]);
    expect(refunds.every((r) => registered.has(r.taxpayerNumber) && r._id.includes(r.taxpayerNumber))).toBe(true);
    expect(taxpayers.filter((t) => checkUscc(t._id) !== null && checkCitizenId(t._id) !== null)).toEqual([]);
    expect(clearances.length).toBeGreaterThan(0);
    expect(clearances.filter((c) => checkUnitNumber(c.unitId) !== null || checkCaseNumber(c.caseNumber) !== null)).toEqual([]);
  });

  it('is the same province for the same seed', () => {
    expect(generateTaxation(world, createRandom('7:taxation'))).toEqual(data);
  });
});
