import { generateKeyPairSync } from 'node:crypto';
import { generateProvince } from '../seed/province';
import type { CaseDocument } from '../subgraphs/court/model';
import type { AssetDocument, ControlDocument } from '../subgraphs/kit/register/model';
import { signToken } from '../platform/signing';
import { startHarness, writeCommands, type GraphQLResponse, type Harness } from './harness';
import type { Identity } from '../platform/identity';
import { actorForCases, officerOf } from './identities';
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
const unit = assets.find(
  (a) =>
    a.category === 'REAL_ESTATE' &&
    a.ownerIds.length === 1 &&
    !sealed.has(a._id) &&
    openCases.some((c) => c.respondentIds.includes(a.ownerIds[0])),
) as AssetDocument;
const debtor = unit.ownerIds[0];
const firstCase = (openCases.find((c) => c.respondentIds.includes(debtor)) as CaseDocument)._id;
/** A second case against the debtor, of the test officer's (filed below): its seal waits behind the first. */
const secondCase = '（2026）浙0102执8701号';
const otherUnit = assets.find((a) => a.category === 'REAL_ESTATE' && a._id !== unit._id) as AssetDocument;
const buyer = openCases.flatMap((c) => c.applicantIds).find((id) => id !== debtor) as string;
const officer = { name: '王法官', phone: '13805711234' };
/** An officer of a court that is neither the first case's nor the test officer's. */
const strangerCourt = ['浙0105', '浙0106'].find((code) => !firstCase.includes(code)) as string;
const stranger = officerOf({ courtCode: strangerCourt, officerId: `${strangerCourt}-0001` });

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

async function ok<T>(
  query: string,
  variables: Record<string, unknown> = {},
  as: Identity = actorForCases(query, variables, openCases),
): Promise<T> {
  const response = await h.query<T>(query, variables, { as });
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

/** Runs a refused call and returns its first error, checking that no subgraph wrote anything meanwhile. */
async function refused(query: string, variables: Record<string, unknown>, as: Identity = actorForCases(query, variables, openCases)) {
  let response: GraphQLResponse = {};
  const commands = await h.recordCommands(async () => {
    response = await h.query(query, variables, { as });
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
  const ofCase = async () =>
    (
      await ok<{ enforcementCase: { realEstateInvestigations: Investigation[] } }>(
        `query($c: String!) { enforcementCase(caseNumber: $c) { realEstateInvestigations { ${FIELDS} } } }`,
        { c: firstCase },
      )
    ).enforcementCase.realEstateInvestigations;
  let id = '';

  it('is due at the end of the fifth working day, skipping the weekend, and a retry returns the original', async () => {
    const { requestRealEstateInvestigation: asked } = await request();
    id = asked.id;
    expect(asked).toMatchObject({
      caseNumber: firstCase,
      partyId: debtor,
      state: 'REQUESTED',
      deadlineStatus: 'DUE',
      answeredAt: null,
      assetIds: null,
    });
    expect(asked.requestedAt).toBe(now.toISOString());
    expect(asked.dueAt).toBe('2026-11-13T15:59:59.999Z'); // Friday 13, 23:59:59 in Beijing
    expect(asked.escalatesAt).toBe('2026-11-18T15:59:59.999Z'); // three working days later
    now = new Date('2026-11-06T03:00:00.000Z');
    expect((await request()).requestRealEstateInvestigation).toEqual(asked);
    const staff = await ok<{ realEstateInvestigations: { nodes: { id: string }[] } }>(
      '{ realEstateInvestigations(state: REQUESTED) { nodes { id } } }',
    );
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
    const held = assets
      .filter((a) => a.ownerIds.includes(debtor))
      .map((a) => a._id)
      .sort();
    const answer = `mutation($id: ID!) { answerRealEstateInvestigation(id: $id, feedback: "查询完毕") { ${FIELDS} } }`;
    const { answerRealEstateInvestigation: answered } = await ok<{ answerRealEstateInvestigation: Investigation }>(answer, { id });
    expect(answered).toMatchObject({
      state: 'ANSWERED',
      deadlineStatus: 'MET',
      answeredAt: now.toISOString(),
      feedback: '查询完毕',
      assetIds: held,
      assetCount: held.length,
    });
    expect(held).toContain(unit._id);
    expect(await ofCase()).toEqual([answered]);
    expect((await refused(answer, { id }))?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'ANSWERED' });
  });

  it('refuses a malformed request, naming the field', async () => {
    const error = await refused('mutation($input: InvestigationRequestInput!) { requestRealEstateInvestigation(input: $input) { id } }', {
      input: { ...input, partyId: '330102199001011230', idempotencyKey: 'another-key-1', basis: 'unread' },
    });
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.partyId' });
  });
});

describe('seal, sale, tax clearance and transfer of title after the auction', () => {
  const CONTROL = 'id caseNumber status rank';
  type Control = { id: string; caseNumber: string; status: string; rank: number };
  type Sale = {
    id: string;
    caseNumber: string;
    unitId: string;
    buyerId: string;
    price: number;
    rulingNumber: string;
    confirmedAt: string;
    transferNotice: string;
  };
  type Transfer = Record<string, unknown> & { id: string; state: string; unit: { titleTransfers: unknown[] } };
  const controls: Record<string, Control> = {};
  const certificates: Record<string, string> = {};
  const sales: Record<string, Sale> = {};
  const price = 1_250_000_00;
  const CONFIRM =
    'mutation($input: SaleConfirmationInput!) { confirmSale(input: $input) { id caseNumber unitId buyerId price rulingNumber confirmedAt transferNotice } }';
  const sale = (caseNumber: string, overrides: Record<string, unknown> = {}) => ({
    input: { caseNumber, unitId: unit._id, buyerId: buyer, price, rulingNumber: `${caseNumber}之三`, ...overrides },
  });
  const FIELDS = `id state caseNumber rulingNumber buyerId price requestedAt transferredAt taxSettledOn taxPaid previousOwners { partyId sharePercent }
    unit { id ownerIds owners { partyId sharePercent } controls { id } titleTransfers { id rulingNumber } }
    endedControls { id caseNumber status }`;
  const REQUEST = `mutation($input: TitleTransferRequestInput!) { requestRealEstateTitleTransfer(input: $input) { ${FIELDS} } }`;
  /** The officer of a case: the first case's own, the test officer for the second (filed by this test). */
  const officerFor = (caseNumber: string): Identity => actorForCases(REQUEST, { caseNumber }, openCases);
  const request = async (caseNumber: string, notice: string, key = `transfer-${caseNumber}`, actor = officerFor(caseNumber)) => ({
    input: { transferNotice: notice, idempotencyKey: key, basis: await basisOf(h, caseNumber, actor) },
  });
  const TRANSFER = `mutation($id: ID!, $certificate: String!) { transferRealEstateTitle(id: $id, taxClearanceCertificate: $certificate) { ${FIELDS} } }`;
  let requested: Transfer;

  it('seals the unit for the first case and queues the second case’s seal behind it', async () => {
    now = new Date('2026-11-19T02:00:00.000Z');
    for (const [n, caseNumber] of [firstCase, secondCase].entries()) {
      const input = {
        caseNumber,
        partyId: debtor,
        assetId: unit._id,
        measure: 'SEAL',
        documentNumber: `${caseNumber}之一`,
        idempotencyKey: `seal-${caseNumber}`,
        officer,
      };
      const SEAL = `mutation($input: ControlRequestInput!) { requestRealEstateControl(input: $input) { ${CONTROL} } }`;
      const { requestRealEstateControl: asked } = await ok<{ requestRealEstateControl: Control }>(SEAL, await withBasis(SEAL, input));
      const { executeRealEstateControl: done } = await ok<{ executeRealEstateControl: Control }>(
        `mutation($id: ID!) { executeRealEstateControl(id: $id, feedback: "已办理查封登记") { ${CONTROL} } }`,
        { id: asked.id },
      );
      expect(done).toMatchObject({ caseNumber, status: n === 0 ? 'ACTIVE' : 'WAITING', rank: n });
      controls[caseNumber] = done;
    }
  });

  it('records the court’s ruling confirming the sale on the case, once, with a transfer notice for the registry', async () => {
    const { confirmSale: confirmed } = await ok<{ confirmSale: Sale }>(CONFIRM, sale(firstCase));
    expect(confirmed).toMatchObject({
      id: `${firstCase}/${unit._id}`,
      caseNumber: firstCase,
      unitId: unit._id,
      buyerId: buyer,
      price,
      confirmedAt: now.toISOString(),
    });
    sales.first = confirmed;
    // A retry returns the original, notice included; the case's timeline gains the ruling once.
    now = new Date('2026-11-19T02:30:00.000Z');
    expect((await ok<{ confirmSale: Sale }>(CONFIRM, sale(firstCase))).confirmSale).toEqual(confirmed);
    const recorded = await ok<{
      enforcementCase: { currentNode: string; timeline: { node: string; note: string | null }[]; confirmedSales: Sale[] };
    }>(
      'query($c: String!) { enforcementCase(caseNumber: $c) { currentNode timeline { node note } confirmedSales { id transferNotice } } }',
      { c: firstCase },
    );
    expect(recorded.enforcementCase.timeline.filter((entry) => entry.node === 'SALE_CONFIRMED')).toEqual([
      { node: 'SALE_CONFIRMED', note: `${firstCase}之三: ${unit._id}` },
    ]);
    expect(recorded.enforcementCase.confirmedSales).toEqual([{ id: confirmed.id, transferNotice: confirmed.transferNotice }]);
    sales.second = (await ok<{ confirmSale: Sale }>(CONFIRM, sale(secondCase))).confirmSale;
  });

  it.each([
    [
      'another ruling for a unit already sold in the case',
      () => sale(firstCase, { rulingNumber: '另一裁定' }),
      'INVALID_TRANSITION',
      'input.unitId',
    ],
    ['the debtor as the buyer', () => sale(firstCase, { unitId: otherUnit._id, buyerId: debtor }), 'BAD_USER_INPUT', 'input.buyerId'],
    ['a price of zero', () => sale(firstCase, { unitId: otherUnit._id, price: 0 }), 'BAD_USER_INPUT', 'input.price'],
  ])('refuses to confirm %s, writing nothing', async (_label, variables, code, field) => {
    expect((await refused(CONFIRM, variables()))?.extensions).toMatchObject({ code, field });
  });

  it('refuses to confirm a sale for an officer of another court, in the same words as for a case that does not exist, writing nothing', async () => {
    const theirs = await refused(CONFIRM, sale(firstCase, { unitId: otherUnit._id }), stranger);
    const missing = await refused(CONFIRM, sale(`（2026）${strangerCourt}执9999号`, { unitId: otherUnit._id }), stranger);
    expect(theirs?.extensions?.code).toBe('FORBIDDEN');
    expect(missing?.extensions?.code).toBe('FORBIDDEN');
    expect(missing?.message).toBe(theirs?.message.replace(firstCase, `（2026）${strangerCourt}执9999号`));
  });

  it('takes the court’s transfer notice from the case holding the active seal, with buyer and ruling from the notice', async () => {
    now = new Date('2026-11-19T03:00:00.000Z');
    requested = (
      await ok<{ requestRealEstateTitleTransfer: Transfer }>(
        REQUEST,
        await request(firstCase, sales.first.transferNotice),
        officerFor(firstCase),
      )
    ).requestRealEstateTitleTransfer;
    expect(requested).toMatchObject({
      state: 'REQUESTED',
      caseNumber: firstCase,
      buyerId: buyer,
      price,
      rulingNumber: `${firstCase}之三`,
      requestedAt: now.toISOString(),
      transferredAt: null,
      taxPaid: null,
      previousOwners: [],
      endedControls: [],
      unit: { id: unit._id, ownerIds: [debtor] },
    });
    expect(requested.id).toBe(`TT-${controls[firstCase].id}`);
    // A retry returns the request; the registry's staff find it in their work list.
    expect(
      (
        await ok<{ requestRealEstateTitleTransfer: Transfer }>(
          REQUEST,
          await request(firstCase, sales.first.transferNotice),
          officerFor(firstCase),
        )
      ).requestRealEstateTitleTransfer,
    ).toEqual(requested);
    const pending = await ok<{ realEstateTitleTransferRequests: { nodes: { id: string }[] } }>(
      '{ realEstateTitleTransferRequests { nodes { id } } }',
    );
    expect(pending.realEstateTitleTransferRequests.nodes).toEqual([{ id: requested.id }]);
  });

  it('refuses the case whose seal waits: only the first seizure may dispose of the unit', async () => {
    const error = await refused(REQUEST, await request(secondCase, sales.second.transferNotice), officerFor(secondCase));
    expect(error?.extensions).toMatchObject({ code: 'INVALID_TRANSITION', state: 'WAITING', field: 'input.transferNotice' });
    expect(error?.message).toContain('active seal');
  });

  it.each([
    [
      'an altered transfer notice',
      () => request(firstCase, forge(sales.first.transferNotice, { b: debtor }), 'transfer-forged-1'),
      () => officerFor(firstCase),
      'BAD_USER_INPUT',
      /does not verify/,
    ],
    [
      'a notice the court did not sign',
      () =>
        request(
          firstCase,
          signToken(payloadOf(sales.first.transferNotice), generateKeyPairSync('ed25519').privateKey),
          'transfer-forged-2',
        ),
      () => officerFor(firstCase),
      'BAD_USER_INPUT',
      /does not verify/,
    ],
    [
      'one case’s transfer notice with the notice for another case',
      async () => ({
        input: {
          ...(await request(secondCase, sales.second.transferNotice, 'transfer-mixed-1')).input,
          transferNotice: sales.first.transferNotice,
        },
      }),
      () => officerFor(secondCase),
      'FORBIDDEN',
      /no legal basis/,
    ],
    [
      'the notices passed on by an officer of another court',
      () => request(firstCase, sales.first.transferNotice, 'transfer-stranger-1'),
      () => stranger,
      'FORBIDDEN',
      /no legal basis/,
    ],
  ])('refuses %s, writing nothing', async (_label, variables, as, code, reason) => {
    const error = await refused(REQUEST, await variables(), as());
    expect(error?.extensions?.code).toBe(code);
    expect(error?.message).toMatch(reason);
  });

  it('issues a signed certificate with each clearance, settled once the tax is paid in full', async () => {
    const settle = async (caseNumber: string, unitId: string, taxPaid: number) =>
      (
        await ok<{ settleTransferTax: { settled: boolean; settledOn: string | null; certificate: string } }>(
          `mutation($input: TransferTaxInput!) { settleTransferTax(input: $input) { settled settledOn taxDue taxPaid certificate } }`,
          { input: { caseNumber, unitId, taxDue: 86_000_00, taxPaid } },
        )
      ).settleTransferTax;
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
    [
      'an altered certificate',
      () => forge(certificates.unsettled, { taxPaid: 86_000_00, settledOn: '2026-11-19' }),
      'BAD_USER_INPUT',
      /does not verify/,
    ],
    [
      'a certificate signed with another key',
      () => signToken(payloadOf(certificates.first), generateKeyPairSync('ed25519').privateKey),
      'BAD_USER_INPUT',
      /does not verify/,
    ],
    ['another unit’s certificate', () => certificates.otherUnit, 'BAD_USER_INPUT', /is for unit/],
    ['another case’s certificate', () => certificates.second, 'BAD_USER_INPUT', /is for case/],
    ['no certificate at all', () => 'not-a-certificate', 'BAD_USER_INPUT', /not a signed certificate/],
  ])('refuses to perform the transfer on %s, writing nothing', async (_label, certificate, code, reason) => {
    const error = await refused(TRANSFER, { id: requested.id, certificate: certificate() });
    expect(error?.extensions).toMatchObject({ code, field: 'taxClearanceCertificate' });
    expect(error?.message).toMatch(reason);
  });

  it('lets only the registry’s staff perform the transfer: the court’s officer is refused, writing nothing', async () => {
    const error = await refused(TRANSFER, { id: requested.id, certificate: certificates.first }, officerFor(firstCase));
    expect(error?.extensions?.code).toBe('FORBIDDEN');
  });

  it('transfers the title on the registry’s step: the buyer owns it whole, the seal is DISPOSED, the waiting one LAPSED', async () => {
    now = new Date('2026-11-20T02:00:00.000Z');
    // The registry's clerk presses the button five times at once: one transfer, five identical answers.
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => ok<{ transferRealEstateTitle: Transfer }>(TRANSFER, { id: requested.id, certificate: certificates.first })),
    );
    const done = answers[0].transferRealEstateTitle;
    for (const answer of answers) expect(answer.transferRealEstateTitle).toEqual(done);
    expect(done).toMatchObject({
      id: requested.id,
      state: 'TRANSFERRED',
      caseNumber: firstCase,
      buyerId: buyer,
      price,
      transferredAt: now.toISOString(),
      taxSettledOn: '2026-11-19',
      taxPaid: 86_000_00,
      previousOwners: [{ partyId: debtor, sharePercent: 100 }],
      unit: { id: unit._id, ownerIds: [buyer], owners: [{ partyId: buyer, sharePercent: 100 }], controls: [] },
    });
    expect(done.endedControls).toEqual([
      { id: controls[firstCase].id, caseNumber: firstCase, status: 'DISPOSED' },
      { id: controls[secondCase].id, caseNumber: secondCase, status: 'LAPSED' },
    ]);
    expect(done.unit.titleTransfers).toEqual([{ id: done.id, rulingNumber: `${firstCase}之三` }]);
    // Performing it again returns the same transfer and adds nothing to the history; the work list is empty.
    now = new Date('2026-11-20T03:00:00.000Z');
    expect(
      (await ok<{ transferRealEstateTitle: Transfer }>(TRANSFER, { id: requested.id, certificate: certificates.first }))
        .transferRealEstateTitle,
    ).toEqual(done);
    expect(
      (await ok<{ realEstateTitleTransferRequests: { nodes: unknown[] } }>('{ realEstateTitleTransferRequests { nodes { id } } }'))
        .realEstateTitleTransferRequests.nodes,
    ).toEqual([]);
    const seals = await ok<{ enforcementCase: { realEstateControls: Control[] } }>(
      `query($c: String!) { enforcementCase(caseNumber: $c) { realEstateControls { ${CONTROL} } } }`,
      { c: firstCase },
    );
    expect(seals.enforcementCase.realEstateControls.find((c) => c.id === controls[firstCase].id)?.status).toBe('DISPOSED');
  });

  it('refuses a second request for the unit under a new key', async () => {
    const error = await refused(REQUEST, await request(firstCase, sales.first.transferNotice, 'transfer-again-1'), officerFor(firstCase));
    expect(error?.extensions?.code).toBe('INVALID_TRANSITION');
  });
});

function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The signed token with some of its figures changed, keeping the signer's signature. */
function forge(token: string, changes: Record<string, unknown>): string {
  const payload = { ...payloadOf(token), ...changes };
  return `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${token.split('.')[1]}`;
}
