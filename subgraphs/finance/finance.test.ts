import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { createRandom, generateBankCard } from '../../domain/identifiers';
import type { AssetCategory } from '../../domain/assets';
import finance from './index';
import type { FinanceAsset } from './model';
import { FINANCE_REGISTER } from './register';
import { financeTestData } from '../../test/worlds/finance';

const { data, assets, controls } = financeTestData(7, 400);
const CASE = '（2026）浙0102执1号';
let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(finance, 'finance_unit', data);
});
afterAll(() => h?.stop());

const SELECTION = `id category ownerIds estimatedValue
  ... on BankDeposit { bank branch accountType balance currency frozenAmount }
  ... on WealthProduct { bank productCode productName principal maturesOn }
  ... on OnlinePaymentAccount { platform userId boundPhone balance }
  ... on DigitalCurrencyWallet { operatingBank walletLevel balance }
  ... on BrokerCashAccount { broker balance }
  ... on FuturesMarginAccount { futuresCompany marginBalance }
  ... on ProvidentFundAccount { fundCentre balance monthlyContribution withdrawalConditionMet }
  ... on SocialInsuranceRecord { employerName employerId contributionBase lastPaidMonth }
  ... on Receivable { kind thirdPartyName thirdPartyId amount dueOn }
  ... on SecuritiesHolding { securitiesAccount broker securityCode securityName quantity marketValue pledgedQuantity }
  ... on FundUnits { fundAccount fundManager fundCode fundName units netAssetValue }
  ... on InsurancePolicy { insurer productName policyholderId cashValue }`;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The category-specific fields each type should answer, read from the register document. */
function expected(a: FinanceAsset): Record<string, unknown> {
  const value = a.estimatedValue;
  switch (a.category) {
    case 'BANK_DEPOSIT': return { bank: a.bank, branch: a.branch, accountType: a.accountType, balance: value, currency: 'CNY' };
    case 'WEALTH_PRODUCT': return { bank: a.bank, productCode: a.productCode, productName: a.productName, principal: value, maturesOn: day(a.maturesOn) };
    case 'ONLINE_PAYMENT': return { platform: a.platform, userId: a.userId, boundPhone: a.boundPhone, balance: value };
    case 'DIGITAL_CURRENCY': return { operatingBank: a.operatingBank, walletLevel: a.walletLevel, balance: value };
    case 'BROKER_CASH': return { broker: a.broker, balance: value };
    case 'FUTURES_MARGIN': return { futuresCompany: a.futuresCompany, marginBalance: value };
    case 'PROVIDENT_FUND': return { fundCentre: a.fundCentre, balance: value, monthlyContribution: a.monthlyContribution, withdrawalConditionMet: a.withdrawalConditionMet };
    case 'SOCIAL_INSURANCE': return { employerName: a.employerName, employerId: a.employerId, contributionBase: a.contributionBase, lastPaidMonth: a.lastPaidMonth };
    case 'RECEIVABLE': return { kind: a.kind, thirdPartyName: a.thirdPartyName, thirdPartyId: a.thirdPartyId, amount: value, dueOn: day(a.dueOn) };
    case 'SECURITIES': return { securitiesAccount: a._id.slice(0, 12), broker: a.broker, securityCode: a.securityCode, securityName: a.securityName, quantity: a.quantity, marketValue: value, pledgedQuantity: a.pledgedQuantity };
    case 'FUND_UNITS': return { fundAccount: a._id.split(':')[0], fundManager: a.fundManager, fundCode: a.fundCode, fundName: a.fundName, units: a.units, netAssetValue: a.netAssetValue };
    case 'INSURANCE_CASH_VALUE': return { insurer: a.insurer, productName: a.productName, policyholderId: a.ownerIds[0], cashValue: value };
  }
}

interface Findings {
  financeFindings: {
    agency: string;
    categories: { category: AssetCategory; count: number; totalEstimatedValue: number; controllableValue: number; assets: Record<string, unknown>[] }[];
  };
}

describe('finance findings', () => {
  it.each(Object.keys(FINANCE_REGISTER.categories))('answers %s with the counts, values and fields of the register', async (category) => {
    const owner = assets.find((a) => a.category === category)?.ownerIds[0] as string;
    const [found] = await h.caseParties<Findings>([{ caseNumber: CASE, partyId: owner }], `financeFindings { agency categories { category count totalEstimatedValue controllableValue assets { ${SELECTION} } } }`);
    expect(found.financeFindings.agency).toBe('FINANCE');
    expect(found.financeFindings.categories.map((c) => c.category)).toEqual(Object.keys(FINANCE_REGISTER.categories));
    const entry = found.financeFindings.categories.find((c) => c.category === category);
    const own = assets.filter((a) => a.category === category && a.ownerIds.includes(owner)).sort((a, b) => a._id.localeCompare(b._id));
    expect(entry?.count).toBe(own.length);
    expect(entry?.totalEstimatedValue).toBe(own.reduce((sum, a) => sum + (a.estimatedValue ?? 0), 0));
    expect(entry?.controllableValue).toBe(own.reduce((sum, a) => sum + Math.max(0, (a.estimatedValue ?? 0) - a.securedClaims), 0));
    const answered = [...(entry?.assets ?? [])].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(answered.map((a) => a.id)).toEqual(own.map((a) => a._id));
    answered.forEach((asset, i) => expect(asset).toMatchObject({ category, estimatedValue: own[i].estimatedValue, ...expected(own[i]) }));
  });

  it('answers only the categories asked for, and asks nothing of the database for none of its own', async () => {
    const owner = assets.find((a) => a.category === 'SECURITIES')?.ownerIds[0] as string;
    const [filtered] = await h.caseParties<Findings>([{ caseNumber: CASE, partyId: owner }], 'financeFindings(categories: [SECURITIES, REAL_ESTATE]) { categories { category count } }');
    expect(filtered.financeFindings.categories.map((c) => c.category)).toEqual(['SECURITIES']);
    const events: string[] = [];
    const listener = (event: { commandName: string }) => events.push(event.commandName);
    h.subgraph.client.on('commandStarted', listener);
    const [none] = await h.caseParties<Findings>([{ caseNumber: CASE, partyId: owner }], 'financeFindings(categories: [MOTOR_VEHICLE]) { categories { category } }');
    h.subgraph.client.off('commandStarted', listener);
    expect(none.financeFindings.categories).toEqual([]);
    expect(events).toEqual([]);
  });

  it('gives an empty list per category for a party with nothing registered', async () => {
    const [found] = await h.caseParties<Findings>([{ caseNumber: CASE, partyId: '11010519491231002X' }], 'financeFindings { categories { count totalEstimatedValue assets { id } } }');
    expect(found.financeFindings.categories).toHaveLength(12);
    expect(found.financeFindings.categories.every((c) => c.count === 0 && c.assets.length === 0 && c.totalEstimatedValue === 0)).toBe(true);
  });
});

describe('finance controls', () => {
  const queued = [...new Set(controls.map((c) => c.assetId))].map((assetId) => controls.filter((c) => c.assetId === assetId));
  const longest = queued.reduce((a, b) => (b.length > a.length ? b : a));

  it('lists the measures in force on an asset ranked 0..n, and the frozen part of a deposit', async () => {
    const owner = assets.find((a) => a._id === longest[0].assetId)?.ownerIds[0] as string;
    const [found] = await h.caseParties<Findings>([{ caseNumber: CASE, partyId: owner }], 'financeFindings { categories { assets { id controls { id rank status measure amount } } } }');
    const asset = found.financeFindings.categories.flatMap((c) => c.assets).find((a) => a.id === longest[0].assetId);
    const ranked = asset?.controls as { id: string; rank: number; status: string }[];
    expect(longest.length).toBeGreaterThan(1);
    expect(ranked.map((c) => c.rank)).toEqual(longest.map((_, i) => i));
    expect(ranked.map((c) => c.status)).toEqual(longest.map((_, i) => (i === 0 ? 'ACTIVE' : 'WAITING')));
    const deposit = assets.find((a) => a.category === 'BANK_DEPOSIT' && controls.some((c) => c.assetId === a._id)) as FinanceAsset;
    const active = controls.find((c) => c.assetId === deposit._id && c.status === 'ACTIVE');
    const lookedUp = await h.query<{ bankDepositByAccount: { frozenAmount: number } }>(`{ bankDepositByAccount(accountNumber: "${deposit._id}", caseNumber: "${CASE}") { frozenAmount } }`);
    expect(lookedUp.data?.bankDepositByAccount.frozenAmount).toBe(Math.min(deposit.estimatedValue ?? 0, active?.amount ?? 0));
  });

  it('lists a case’s measures on EnforcementCase', async () => {
    const caseNumber = longest[1].caseNumber;
    const response = await h.query<{ _entities: { financeControls: { id: string; rank: number; assetId: string }[] }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on EnforcementCase { financeControls { id rank assetId } } } }',
      { r: [{ __typename: 'EnforcementCase', caseNumber }] },
    );
    const expectedIds = controls.filter((c) => c.caseNumber === caseNumber).map((c) => c._id).sort();
    expect(response.data?._entities[0].financeControls.map((c) => c.id).sort()).toEqual(expectedIds);
  });
});

describe('bankDepositByAccount', () => {
  const deposit = assets.find((a) => a.category === 'BANK_DEPOSIT') as FinanceAsset;
  const lookUp = (accountNumber: string, caseNumber = CASE) =>
    h.query<{ bankDepositByAccount: { id: string; bank: string; ownerIds: string[] } | null }>(
      'query($a: String!, $c: String!) { bankDepositByAccount(accountNumber: $a, caseNumber: $c) { id bank ownerIds } }',
      { a: accountNumber, c: caseNumber },
    );

  it('finds an account by number, spaces allowed', async () => {
    const spaced = deposit._id.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect((await lookUp(spaced)).data?.bankDepositByAccount).toEqual({ id: deposit._id, bank: (deposit as { bank: string }).bank, ownerIds: deposit.ownerIds });
  });

  it('answers null for a well-formed number no bank holds', async () => {
    const held = new Set(assets.map((a) => a._id));
    const random = createRandom('not held');
    let unknown = generateBankCard(random);
    while (held.has(unknown)) unknown = generateBankCard(random);
    const response = await lookUp(unknown);
    expect(response.errors).toBeUndefined();
    expect(response.data?.bankDepositByAccount).toBeNull();
  });

  it.each([
    ['accountNumber', () => `${deposit._id.slice(0, -1)}${(Number(deposit._id.slice(-1)) + 1) % 10}`, () => CASE],
    ['accountNumber', () => '1234', () => CASE],
    ['caseNumber', () => deposit._id, () => '2026浙0102执1号'],
  ])('refuses a malformed %s with BAD_USER_INPUT', async (field, account, caseNumber) => {
    const response = await lookUp(account(), caseNumber());
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });
});
