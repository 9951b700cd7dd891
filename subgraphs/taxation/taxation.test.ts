import { generateCourt } from '../../seed/agencies/court';
import { generateTaxation } from '../../seed/agencies/taxation';
import { DEFAULT_AS_OF } from '../../seed/province';
import type { World } from '../../seed/world';
import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { checkCaseNumber, checkCitizenId, checkTaxRefundNumber, checkUnitNumber, checkUscc, createRandom, formatTaxRefundNumber } from '../../domain/identifiers';
import type { ControlDocument } from '../kit/register/model';
import taxation from './index';
import type { ClearanceDocument, TaxpayerDocument, TaxRefundDocument } from './model';

const court = generateCourt(createRandom('7:court'), 400, DEFAULT_AS_OF);
const world: World = { asOf: DEFAULT_AS_OF, parties: court.parties, partyById: new Map(court.parties.map((p) => [p.id, p])), cases: court.cases };
const data = generateTaxation(world, createRandom('7:taxation'));
const refunds = data.assets as TaxRefundDocument[];
const controls = data.controls as ControlDocument[];
const taxpayers = data.taxpayers as TaxpayerDocument[];
const clearances = data.clearances as ClearanceDocument[];
const CASE = '（2026）浙0102执1号';
const date = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

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
    categories: { category: string; count: number; totalEstimatedValue: number; controllableValue: number; assets: Record<string, unknown>[] }[];
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
    const [other] = await h.caseParties<Findings>([{ caseNumber: CASE, partyId: owner }], 'taxFindings(categories: [BANK_DEPOSIT]) { agency categories { category count assets { id } } }');
    h.subgraph.client.off('commandStarted', listener);
    expect(other.taxFindings.categories).toEqual([]);
    expect(events).toEqual([]);
    const [own] = await h.caseParties<Findings>([{ caseNumber: CASE, partyId: owner }], 'taxFindings(categories: [TAX_REFUND, REAL_ESTATE]) { agency categories { category count assets { id } } }');
    expect(own.taxFindings.categories.map((c) => c.category)).toEqual(['TAX_REFUND']);
  });

  it('gives an empty entry and no tax record for a party the bureau does not know', async () => {
    const [found] = await h.caseParties<Findings & { taxRecord: unknown }>([{ caseNumber: CASE, partyId: '11010519491231002X' }], `${FINDINGS} taxRecord { taxpayerNumber }`);
    expect(found.taxFindings.categories).toEqual([{ category: 'TAX_REFUND', count: 0, totalEstimatedValue: 0, controllableValue: 0, assets: [] }]);
    expect(found.taxRecord).toBeNull();
  });
});

describe('tax records', () => {
  const RECORD = 'taxRecord { taxpayerNumber taxpayerStatus creditRating taxOwed lastFiledOn registeredAuthority }';

  it('answers an organisation with arrears and a person without a rating, as registered', async () => {
    const debtor = taxpayers.find((t) => t.taxOwed > 0) as TaxpayerDocument;
    const person = taxpayers.find((t) => t.creditRating === null) as TaxpayerDocument;
    const found = await h.caseParties<{ taxRecord: Record<string, unknown> }>([debtor, person].map((t) => ({ caseNumber: CASE, partyId: t._id })), RECORD);
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

  it('lists a case’s measures and a refund’s measures in force in rank order', async () => {
    const assetId = [...controls].sort((a, b) => b.rank - a.rank)[0].assetId;
    const queue = controls.filter((c) => c.assetId === assetId);
    const caseNumber = queue[0].caseNumber;
    const response = await h.query<{ _entities: { taxControls: { id: string; rank: number; amount: number }[] }[]; taxRefund: { controls: { rank: number; caseNumber: string }[] } }>(
      `query($r: [_Any!]!, $id: String!, $c: String!) {
        _entities(representations: $r) { ... on EnforcementCase { taxControls { id rank amount } } }
        taxRefund(id: $id, caseNumber: $c) { controls { rank caseNumber } }
      }`,
      { r: [{ __typename: 'EnforcementCase', caseNumber }], id: assetId, c: caseNumber },
    );
    expect(response.errors).toBeUndefined();
    const ofCase = controls.filter((c) => c.caseNumber === caseNumber);
    expect(response.data?._entities[0].taxControls.map((c) => c.id).sort()).toEqual(ofCase.map((c) => c._id).sort());
    expect(response.data?.taxRefund.controls.map((c) => c.rank)).toEqual(queue.map((_, i) => i));
  });
});

describe('root look-ups', () => {
  const refund = refunds[0];

  it('finds a refund by number, and null for a well-formed number nobody holds', async () => {
    const response = await h.query<{ found: { id: string; amountPayable: number } | null; missing: unknown }>(
      `query($id: String!, $missing: String!, $c: String!) {
        found: taxRefund(id: $id, caseNumber: $c) { id amountPayable }
        missing: taxRefund(id: $missing, caseNumber: $c) { id }
      }`,
      { id: refund._id.toLowerCase(), missing: formatTaxRefundNumber({ taxpayerNumber: '91110000600037341L', year: 2026, sequence: 9 }), c: CASE },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.found).toEqual({ id: refund._id, amountPayable: refund.amountPayable });
    expect(response.data?.missing).toBeNull();
  });

  it.each([
    ['taxRefund(id: "TR123", caseNumber: "（2026）浙0102执1号") { id }', 'id'],
    [`taxRefund(id: "${refund._id}", caseNumber: "2026-1") { id }`, 'caseNumber'],
    ['taxClearance(caseNumber: "（2026）浙0102执1号", unitId: "330102001001GB00123K00010001") { settled }', 'unitId'],
    ['taxClearance(caseNumber: "no case", unitId: "330102001001GB00123F00010001") { settled }', 'caseNumber'],
  ])('refuses %s with BAD_USER_INPUT naming %s', async (field, argument) => {
    const response = await h.query(`{ ${field} }`);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: argument });
  });

  it('answers a clearance by case and unit, settled only when paid in full, and null where none was assessed', async () => {
    const clearance = clearances[0];
    const response = await h.query<{ found: Record<string, unknown>; missing: unknown }>(
      `query($c: String!, $u: String!, $other: String!) {
        found: taxClearance(caseNumber: $c, unitId: $u) { caseNumber unitId settled taxDue taxPaid assessedOn settledOn taxAuthority }
        missing: taxClearance(caseNumber: $c, unitId: $other) { settled }
      }`,
      { c: clearance.caseNumber.replace('（', '(').replace('）', ')'), u: clearance.unitId, other: '330102001001GB00123F00010001' },
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
