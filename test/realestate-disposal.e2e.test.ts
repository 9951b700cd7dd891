import { generateKeyPairSync } from 'node:crypto';
import { generateProvince } from '../seed/province';
import type { CaseDocument } from '../subgraphs/court/model';
import type { AssetDocument, ControlDocument } from '../subgraphs/kit/register/model';
import { signToken } from '../platform/signing';
import { startHarness, writeCommands, type GraphQLResponse, type Harness } from './harness';
import { actorForCases } from './identities';
import { basisOf, fileCases } from './cases';

/**
 * The real-estate disposal scenario through the gateway: an investigation with its feedback deadline,
 * a first and a waiting seal, the tax bureau's signed clearance, and the transfer of title after the sale.
 */
const SEED = { seed: 19, cases: 300 };
const province = generateProvince(SEED.seed, SEED.cases);
const openCases = (province.court.cases as CaseDocument[]).filter((c) => c.status === 'OPEN');
const assets = province.realestate.assets as AssetDocument[];
const sealed = new Set((province.realestate.controls as ControlDocument[]).map((c) => c.assetId));
const unit = assets.find((a) => a.category === 'REAL_ESTATE' && a.ownerIds.length === 1 && !sealed.has(a._id)
  && openCases.some((c) => c.respondentIds.includes(a.ownerIds[0]))) as AssetDocument;
const debtor = unit.ownerIds[0];
const firstCase = (openCases.find((c) => c.respondentIds.includes(debtor)) as CaseDocument)._id;
/** A second case against the debtor, of the test officer's (filed below): its seal waits behind the first. */
const secondCase = '（2026）浙0102执8701号';
const otherUnit = assets.find((a) => a.category === 'REAL_ESTATE' && a._id !== unit._id) as AssetDocument;
const buyer = openCases.flatMap((c) => c.applicantIds).find((id) => id !== debtor) as string;
const officer = { name: '王法官', phone: '13805711234' };

let now = new Date('2026-11-06T02:00:00.000Z'); // a Friday, 10:00 in Beijing
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'disposal', seed: SEED, clock: () => now });
  await fileCases(h, [{ caseNumber: secondCase, respondentIds: [debtor] }], now);
});

/** The input with the court's notice for its case, as the one who sends `query` gets it. */
async function withBasis(query: string, input: Record<string, unknown>): Promise<{ input: Record<string, unknown> }> {
  const actor = actorForCases(query, { input }, openCases);
  return { input: { ...input, basis: await basisOf(h, input.caseNumber as string, actor) } };
}
afterAll(() => h?.stop());

async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await h.query<T>(query, variables, { as: actorForCases(query, variables, openCases) });
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

/** Runs a refused call and returns its first error, checking that no subgraph wrote anything meanwhile. */
async function refused(query: string, variables: Record<string, unknown>) {
  let response: GraphQLResponse = {};
  const commands = await h.recordCommands(async () => {
    response = await h.query(query, variables, { as: actorForCases(query, variables, openCases) });
  });
  expect(writeCommands(commands.values())).toEqual([]);
  return response.errors?.[0];
}

describe('an investigation request with a feedback deadline', () => {
  const FIELDS = 'id caseNumber partyId requestedAt dueAt escalatesAt answeredAt feedback assetIds assetCount state deadlineStatus';
  type Investigation = Record<string, unknown> & { id: string; deadlineStatus: string };
  const input = { caseNumber: firstCase, partyId: debtor, idempotencyKey: `investigate-${debtor}`, officer };
  const REQUEST = `mutation($input: InvestigationRequestInput!) { requestRealEstateInvestigation(input: $input) { ${FIELDS} } }`;
  const request = async () => ok<{ requestRealEstateInvestigation: Investigation }>(REQUEST, await withBasis(REQUEST, input));
  const ofCase = async () => (await ok<{ enforcementCase: { realEstateInvestigations: Investigation[] } }>(
    `query($c: String!) { enforcementCase(caseNumber: $c) { realEstateInvestigations { ${FIELDS} } } }`, { c: firstCase })).enforcementCase.realEstateInvestigations;
  let id = '';

  it('is due at the end of the fifth working day, skipping the weekend, and a retry returns the original', async () => {
    const { requestRealEstateInvestigation: asked } = await request();
    id = asked.id;
    expect(asked).toMatchObject({ caseNumber: firstCase, partyId: debtor, state: 'REQUESTED', deadlineStatus: 'DUE', answeredAt: null, assetIds: null });
    expect(asked.requestedAt).toBe(now.toISOString());
    expect(asked.dueAt).toBe('2026-11-13T15:59:59.999Z'); // Friday 13, 23:59:59 in Beijing
    expect(asked.escalatesAt).toBe('2026-11-18T15:59:59.999Z'); // three working days later
    now = new Date('2026-11-06T03:00:00.000Z');
    expect((await request()).requestRealEstateInvestigation).toEqual(asked);
    const staff = await ok<{ realEstateInvestigations: { nodes: { id: string }[] } }>('{ realEstateInvestigations(state: REQUESTED) { nodes { id } } }');
    expect(staff.realEstateInvestigations.nodes.map((i) => i.id)).toEqual([id]);
  });

  it('is OVERDUE after the due date and ESCALATED once overdue by more than the margin', async () => {
    now = new Date('2026-11-13T15:59:59.999Z');
    expect((await ofCase()).map((i) => i.deadlineStatus)).toEqual(['DUE']);
    now = new Date('2026-11-16T01:00:00.000Z');
    expect((await ofCase()).map((i) => i.deadlineStatus)).toEqual(['OVERDUE']);
    now = new Date('2026-11-19T01:00:00.000Z');
    expect((await ofCase()).map((i) => i.deadlineStatus)).toEqual(['ESCALATED']);
  });

  it('is MET once answered, with the party’s assets in the register at that moment, and cannot be answered twice', async () => {
    const held = assets.filter((a) => a.ownerIds.includes(debtor)).map((a) => a._id).sort();
    const answer = `mutation($id: ID!) { answerRealEstateInvestigation(id: $id, feedback: "查询完毕") { ${FIELDS} } }`;
    const { answerRealEstateInvestigation: answered } = await ok<{ answerRealEstateInvestigation: Investigation }>(answer, { id });
    expect(answered).toMatchObject({ state: 'ANSWERED', deadlineStatus: 'MET', answeredAt: now.toISOString(), feedback: '查询完毕', assetIds: held, assetCount: held.length });
    expect(held).toContain(unit._id);
    expect(await ofCase()).toEqual([answered]);
    expect((await refused(answer, { id }))?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'ANSWERED' });
  });

  it('refuses a malformed request, naming the field', async () => {
    const error = await refused('mutation($input: InvestigationRequestInput!) { requestRealEstateInvestigation(input: $input) { id } }',
      { input: { ...input, partyId: '330102199001011230', idempotencyKey: 'another-key-1', basis: 'unread' } });
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.partyId' });
  });
});

describe('seal, tax clearance and transfer of title after the auction', () => {
  const CONTROL = 'id caseNumber status rank';
  type Control = { id: string; caseNumber: string; status: string; rank: number };
  const controls: Record<string, Control> = {};
  const certificates: Record<string, string> = {};
  const TRANSFER = `mutation($input: TitleTransferInput!) { transferRealEstateTitle(input: $input) {
    id caseNumber rulingNumber buyerId taxSettledOn taxPaid previousOwners { partyId sharePercent }
    unit { id ownerIds owners { partyId sharePercent } controls { id } titleTransfers { id rulingNumber } }
    endedControls { id caseNumber status }
  } }`;
  const transfer = (caseNumber: string, certificate: string, key = `transfer-${caseNumber}`) =>
    withBasis(TRANSFER, { unitId: unit._id, caseNumber, buyerId: buyer, rulingNumber: `${caseNumber}之三`, taxClearanceCertificate: certificate, idempotencyKey: key });

  it('seals the unit for the first case and queues the second case’s seal behind it', async () => {
    now = new Date('2026-11-19T02:00:00.000Z');
    for (const [n, caseNumber] of [firstCase, secondCase].entries()) {
      const input = { caseNumber, partyId: debtor, assetId: unit._id, measure: 'SEAL', documentNumber: `${caseNumber}之一`, idempotencyKey: `seal-${caseNumber}`, officer };
      const SEAL = `mutation($input: ControlRequestInput!) { requestRealEstateControl(input: $input) { ${CONTROL} } }`;
      const { requestRealEstateControl: asked } = await ok<{ requestRealEstateControl: Control }>(SEAL, await withBasis(SEAL, input));
      const { executeRealEstateControl: done } = await ok<{ executeRealEstateControl: Control }>(
        `mutation($id: ID!) { executeRealEstateControl(id: $id, feedback: "已办理查封登记") { ${CONTROL} } }`, { id: asked.id });
      expect(done).toMatchObject({ caseNumber, status: n === 0 ? 'ACTIVE' : 'WAITING', rank: n });
      controls[caseNumber] = done;
    }
  });

  it('issues a signed certificate with each clearance, settled once the tax is paid in full', async () => {
    const settle = async (caseNumber: string, unitId: string, taxPaid: number) => (await ok<{ settleTransferTax: { settled: boolean; settledOn: string | null; certificate: string } }>(
      `mutation($input: TransferTaxInput!) { settleTransferTax(input: $input) { settled settledOn taxDue taxPaid certificate } }`,
      { input: { caseNumber, unitId, taxDue: 86_000_00, taxPaid } })).settleTransferTax;
    const unpaid = await settle(firstCase, unit._id, 30_000_00);
    expect(unpaid).toMatchObject({ settled: false, settledOn: null });
    certificates.unsettled = unpaid.certificate;
    const paid = await settle(firstCase, unit._id, 86_000_00);
    expect(paid).toMatchObject({ settled: true, settledOn: '2026-11-19' });
    certificates.first = paid.certificate;
    certificates.second = (await settle(secondCase, unit._id, 86_000_00)).certificate;
    certificates.otherUnit = (await settle(firstCase, otherUnit._id, 86_000_00)).certificate;
  });

  it.each([
    ['an unsettled certificate', () => certificates.unsettled, 'TAX_NOT_CLEARED', /not settled \(3000000 of 8600000 fen paid\)/],
    ['an altered certificate', () => forge(certificates.unsettled), 'BAD_USER_INPUT', /does not verify/],
    ['a certificate signed with another key', () => signToken(payloadOf(certificates.first), generateKeyPairSync('ed25519').privateKey), 'BAD_USER_INPUT', /does not verify/],
    ['another unit’s certificate', () => certificates.otherUnit, 'BAD_USER_INPUT', /is for unit/],
    ['another case’s certificate', () => certificates.second, 'BAD_USER_INPUT', /is for case/],
    ['no certificate at all', () => 'not-a-certificate', 'BAD_USER_INPUT', /not a signed certificate/],
  ])('refuses %s, writing nothing', async (_label, certificate, code, reason) => {
    const error = await refused(TRANSFER, await transfer(firstCase, certificate()));
    expect(error?.extensions).toMatchObject({ code, field: 'input.taxClearanceCertificate' });
    expect(error?.message).toMatch(reason);
  });

  it('refuses the case whose seal waits: only the first seizure may dispose of the unit', async () => {
    const error = await refused(TRANSFER, await transfer(secondCase, certificates.second));
    expect(error?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'WAITING' });
    expect(error?.message).toContain('active seal');
  });

  it('transfers the title for the first case: the buyer owns it whole, the seal is DISPOSED, the waiting one LAPSED', async () => {
    now = new Date('2026-11-20T02:00:00.000Z');
    // The registry's clerk presses the button five times at once: one transfer, five identical answers.
    type Done = { transferRealEstateTitle: Record<string, unknown> & { unit: { titleTransfers: unknown[] } } };
    const answers = await Promise.all([1, 2, 3, 4, 5].map(async () => ok<Done>(TRANSFER, await transfer(firstCase, certificates.first))));
    const done = answers[0].transferRealEstateTitle;
    for (const answer of answers) expect(answer.transferRealEstateTitle).toEqual(done);
    expect(done).toMatchObject({
      caseNumber: firstCase, buyerId: buyer, taxSettledOn: '2026-11-19', taxPaid: 86_000_00, previousOwners: [{ partyId: debtor, sharePercent: 100 }],
      unit: { id: unit._id, ownerIds: [buyer], owners: [{ partyId: buyer, sharePercent: 100 }], controls: [] },
    });
    expect(done.endedControls).toEqual([
      { id: controls[firstCase].id, caseNumber: firstCase, status: 'DISPOSED' },
      { id: controls[secondCase].id, caseNumber: secondCase, status: 'LAPSED' },
    ]);
    expect(done.unit.titleTransfers).toEqual([{ id: done.id, rulingNumber: `${firstCase}之三` }]);
    // A retry returns the same transfer and adds nothing to the history.
    now = new Date('2026-11-20T03:00:00.000Z');
    expect((await ok<{ transferRealEstateTitle: unknown }>(TRANSFER, await transfer(firstCase, certificates.first))).transferRealEstateTitle).toEqual(done);
    const seals = await ok<{ enforcementCase: { realEstateControls: Control[] } }>(`query($c: String!) { enforcementCase(caseNumber: $c) { realEstateControls { ${CONTROL} } } }`, { c: firstCase });
    expect(seals.enforcementCase.realEstateControls.find((c) => c.id === controls[firstCase].id)?.status).toBe('DISPOSED');
  });

  it('refuses a second transfer of the unit under a new key', async () => {
    const error = await refused(TRANSFER, await transfer(firstCase, certificates.first, 'transfer-again-1'));
    expect(error?.extensions?.code).toBe('INVALID_TRANSITION');
  });
});

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The unsettled certificate with its figures changed to settled, keeping the bureau's signature. */
function forge(token: string): string {
  const payload = { ...payloadOf(token), taxPaid: 86_000_00, settledOn: '2026-11-19' };
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${token.split('.')[1]}`;
}
