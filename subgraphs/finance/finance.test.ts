import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { noticeFor } from '../../test/cases';
import { divisionHeadOf, TEST_OFFICER } from '../../test/identities';
import { createRandom, generateBankCard, generateCitizenId } from '../../domain/identifiers';
import type { AssetCategory } from '../../domain/assets';
import { caseAccountOf } from '../court/caseAccount';
import { attestCaseBasis } from '../kit/auth/legalBasis';
import { ACCESS_LOG, subjectHash, type AccessEntry } from '../kit/audit/accessLog';
import { accessLogKey } from '../kit/audit/key';
import finance from './index';
import type { BankDepositDocument, FinanceAsset } from './model';
import type { ControlDocument } from '../kit/register/model';
import { FINANCE_REGISTER } from './register';
import { financeTestData } from '../../test/worlds/finance';

const { world, data, assets, controls } = financeTestData(7, 400);
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
    case 'BANK_DEPOSIT':
      return { bank: a.bank, branch: a.branch, accountType: a.accountType, balance: value, currency: 'CNY' };
    case 'WEALTH_PRODUCT':
      return { bank: a.bank, productCode: a.productCode, productName: a.productName, principal: value, maturesOn: day(a.maturesOn) };
    case 'ONLINE_PAYMENT':
      return { platform: a.platform, userId: a.userId, boundPhone: a.boundPhone, balance: value };
    case 'DIGITAL_CURRENCY':
      return { operatingBank: a.operatingBank, walletLevel: a.walletLevel, balance: value };
    case 'BROKER_CASH':
      return { broker: a.broker, balance: value };
    case 'FUTURES_MARGIN':
      return { futuresCompany: a.futuresCompany, marginBalance: value };
    case 'PROVIDENT_FUND':
      return {
        fundCentre: a.fundCentre,
        balance: value,
        monthlyContribution: a.monthlyContribution,
        withdrawalConditionMet: a.withdrawalConditionMet,
      };
    case 'SOCIAL_INSURANCE':
      return {
        employerName: a.employerName,
        employerId: a.employerId,
        contributionBase: a.contributionBase,
        lastPaidMonth: a.lastPaidMonth,
      };
    case 'RECEIVABLE':
      return { kind: a.kind, thirdPartyName: a.thirdPartyName, thirdPartyId: a.thirdPartyId, amount: value, dueOn: day(a.dueOn) };
    case 'SECURITIES':
      return {
        securitiesAccount: a._id.slice(0, 12),
        broker: a.broker,
        securityCode: a.securityCode,
        securityName: a.securityName,
        quantity: a.quantity,
        marketValue: value,
        pledgedQuantity: a.pledgedQuantity,
      };
    case 'FUND_UNITS':
      return {
        fundAccount: a._id.split(':')[0],
        fundManager: a.fundManager,
        fundCode: a.fundCode,
        fundName: a.fundName,
        units: a.units,
        netAssetValue: a.netAssetValue,
      };
    case 'INSURANCE_CASH_VALUE':
      return { insurer: a.insurer, productName: a.productName, policyholderId: a.ownerIds[0], cashValue: value };
  }
}

interface Findings {
  financeFindings: {
    agency: string;
    categories: {
      category: AssetCategory;
      count: number;
      totalEstimatedValue: number;
      controllableValue: number;
      assets: Record<string, unknown>[];
    }[];
  };
}

describe('finance findings', () => {
  it.each(Object.keys(FINANCE_REGISTER.categories))('answers %s with the counts, values and fields of the register', async (category) => {
    const owner = assets.find((a) => a.category === category)?.ownerIds[0] as string;
    const [found] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: owner }],
      `financeFindings { agency categories { category count totalEstimatedValue controllableValue assets { ${SELECTION} } } }`,
    );
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
    const [filtered] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: owner }],
      'financeFindings(categories: [SECURITIES, REAL_ESTATE]) { categories { category count } }',
    );
    expect(filtered.financeFindings.categories.map((c) => c.category)).toEqual(['SECURITIES']);
    const events: string[] = [];
    const listener = (event: { commandName: string }) => events.push(event.commandName);
    h.subgraph.client.on('commandStarted', listener);
    const [none] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: owner }],
      'financeFindings(categories: [MOTOR_VEHICLE]) { categories { category } }',
    );
    h.subgraph.client.off('commandStarted', listener);
    expect(none.financeFindings.categories).toEqual([]);
    expect(events).toEqual([]);
  });

  it('gives an empty list per category for a party with nothing registered', async () => {
    const [found] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: '11010519491231002X' }],
      'financeFindings { categories { count totalEstimatedValue assets { id } } }',
    );
    expect(found.financeFindings.categories).toHaveLength(12);
    expect(found.financeFindings.categories.every((c) => c.count === 0 && c.assets.length === 0 && c.totalEstimatedValue === 0)).toBe(true);
  });
});

describe('finance controls', () => {
  // The lapse timer runs beside the subgraph, as in service: a measure whose period has ended is no longer in force.
  const inForce = controls.filter((c) => c.state === 'IN_QUEUE' && !(c.expiresAt && c.expiresAt.getTime() <= Date.now()));
  const queued = [...new Set(inForce.map((c) => c.assetId))].map((assetId) => inForce.filter((c) => c.assetId === assetId));
  const longest = queued.reduce((a, b) => (b.length > a.length ? b : a));

  it('lists the measures in force on an asset ranked 0..n, and the frozen part of a deposit', async () => {
    const owner = assets.find((a) => a._id === longest[0].assetId)?.ownerIds[0] as string;
    const [found] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: owner }],
      'financeFindings { categories { assets { id controls { id rank status measure amount } } } }',
    );
    const asset = found.financeFindings.categories.flatMap((c) => c.assets).find((a) => a.id === longest[0].assetId);
    const ranked = asset?.controls as { id: string; rank: number; status: string }[];
    expect(longest.length).toBeGreaterThan(1);
    expect(ranked.map((c) => c.rank)).toEqual(longest.map((_, i) => i));
    expect(ranked.map((c) => c.status)).toEqual(longest.map((_, i) => (i === 0 ? 'ACTIVE' : 'WAITING')));
    const deposit = assets.find((a) => a.category === 'BANK_DEPOSIT' && controls.some((c) => c.assetId === a._id)) as FinanceAsset;
    const active = controls.find((c) => c.assetId === deposit._id && c.status === 'ACTIVE');
    const lookedUp = await h.query<{ bankDepositByAccount: { frozenAmount: number } }>(
      'query($a: String!, $c: String!, $b: String!) { bankDepositByAccount(accountNumber: $a, caseNumber: $c, basis: $b) { frozenAmount } }',
      { a: deposit._id, c: CASE, b: noticeFor({ caseNumber: CASE, respondentIds: deposit.ownerIds }) },
    );
    expect(lookedUp.data?.bankDepositByAccount.frozenAmount).toBe(Math.min(deposit.estimatedValue ?? 0, active?.amount ?? 0));
  });

  const CONTROLS =
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on EnforcementCase { financeControls { id rank assetId } } } }';
  const respondentsOf = (caseNumber: string) => world.cases.find((c) => c._id === caseNumber)?.respondentIds ?? [];

  it('lists a case’s measures on EnforcementCase, through the court’s notice for it', async () => {
    const caseNumber = longest[1].caseNumber;
    const response = await h.query<{ _entities: { financeControls: { id: string; rank: number; assetId: string }[] }[] }>(CONTROLS, {
      r: [{ __typename: 'EnforcementCase', caseNumber, basis: noticeFor({ caseNumber, respondentIds: respondentsOf(caseNumber) }) }],
    });
    expect(response.errors).toBeUndefined();
    const expectedIds = controls
      .filter((c) => c.caseNumber === caseNumber)
      .map((c) => c._id)
      .sort();
    expect(response.data?._entities[0].financeControls.map((c) => c.id).sort()).toEqual(expectedIds);
  });

  it.each([
    ['no notice', () => undefined],
    ['a token that is no notice', () => 'x'],
    [
      'a notice for another case',
      () => noticeFor({ caseNumber: '（2026）浙0102执99999号', respondentIds: respondentsOf(longest[1].caseNumber) }),
    ],
    [
      'a notice for another user',
      () => noticeFor({ caseNumber: longest[1].caseNumber, respondentIds: respondentsOf(longest[1].caseNumber) }, divisionHeadOf('浙0102')),
    ],
  ])('refuses a case’s measures on EnforcementCase with FORBIDDEN for %s', async (_label, basis) => {
    const caseNumber = longest[1].caseNumber;
    const response = await h.query<{ _entities: { financeControls: unknown }[] }>(CONTROLS, {
      r: [{ __typename: 'EnforcementCase', caseNumber, basis: basis() }],
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?._entities[0].financeControls ?? null).toBeNull();
  });
});

describe('bankDepositByAccount', () => {
  const deposit = assets.find((a) => a.category === 'BANK_DEPOSIT') as FinanceAsset;
  // A deposit none of whose holders is a holder of `deposit`: nobody the notice below names.
  const strangers = assets.find(
    (a) => a.category === 'BANK_DEPOSIT' && !a.ownerIds.some((id) => deposit.ownerIds.includes(id)),
  ) as FinanceAsset;
  const notice = (user = TEST_OFFICER) => noticeFor({ caseNumber: CASE, respondentIds: deposit.ownerIds }, user);
  const lookUp = (accountNumber: string, caseNumber = CASE, basis: string = notice()) =>
    h.query<{ bankDepositByAccount: { id: string; bank: string; ownerIds: string[] } | null }>(
      'query($a: String!, $c: String!, $b: String!) { bankDepositByAccount(accountNumber: $a, caseNumber: $c, basis: $b) { id bank ownerIds } }',
      { a: accountNumber, c: caseNumber, b: basis },
    );
  const logOf = (subjectId: string) =>
    h.subgraph.db
      .collection<AccessEntry>(ACCESS_LOG)
      .find({ subjectHash: subjectHash(accessLogKey(), subjectId), operation: 'bankDepositByAccount' })
      .toArray();
  const unknownAccount = () => {
    const held = new Set(assets.map((a) => a._id));
    const random = createRandom('not held');
    let unknown = generateBankCard(random);
    while (held.has(unknown)) unknown = generateBankCard(random);
    return unknown;
  };

  it('finds a respondent’s account by number, spaces allowed, and logs the look with the respondent as subject', async () => {
    const before = (await logOf(deposit.ownerIds[0])).length;
    const spaced = deposit._id.replace(/(\d{4})(?=\d)/g, '$1 ');
    expect((await lookUp(spaced)).data?.bankDepositByAccount).toEqual({
      id: deposit._id,
      bank: (deposit as { bank: string }).bank,
      ownerIds: deposit.ownerIds,
    });
    const log = await logOf(deposit.ownerIds[0]);
    expect(log).toHaveLength(before + 1);
    expect(log[log.length - 1]).toMatchObject({
      userId: TEST_OFFICER.userId,
      caseNumber: CASE,
      answeredBy: 'FINANCE',
      categories: ['BANK_DEPOSIT'],
      resultCount: 1,
    });
  });

  it('answers null for a well-formed number no bank holds', async () => {
    const response = await lookUp(unknownAccount());
    expect(response.errors).toBeUndefined();
    expect(response.data?.bankDepositByAccount).toBeNull();
  });

  it('answers null, as for an unknown number, for an account no respondent of the case holds, and logs nothing of its holder', async () => {
    expect(strangers).toBeDefined();
    const before = (await logOf(strangers.ownerIds[0])).length;
    const [other, unknown] = await Promise.all([lookUp(strangers._id), lookUp(unknownAccount())]);
    expect(other).toEqual(unknown);
    expect(other).toEqual({ data: { bankDepositByAccount: null } });
    expect(await logOf(strangers.ownerIds[0])).toHaveLength(before);
  });

  it.each([
    ['a token that is no notice', () => 'x'],
    ['a notice for another case', () => noticeFor({ caseNumber: '（2026）浙0102执2号', respondentIds: deposit.ownerIds })],
    ['a notice for another user', () => notice(divisionHeadOf('浙0102'))],
  ])('refuses a look-up with FORBIDDEN for %s, before the register is read', async (_label, basis) => {
    const response = await lookUp(deposit._id, CASE, basis());
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?.bankDepositByAccount ?? null).toBeNull();
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

/**
 * Freezes and deductions on accounts opened here for the purpose, so the seed's queues stay as generated:
 * the officer freezes through the court's notice for the case, a division head of its court deducts.
 */
describe('freezes and deductions', () => {
  const HEAD = divisionHeadOf('浙0102');
  const officer = { name: '王法官', phone: '13805711234' };
  const random = createRandom('finance deductions');
  const known = new Set([...assets.map((a) => a._id), ...world.parties.map((p) => p.id)]);
  const fresh = (generate: () => string) => {
    let id = generate();
    while (known.has(id)) id = generate();
    known.add(id);
    return id;
  };
  const debtor = fresh(() => generateCitizenId(random));
  const caseNo = (n: number, court = '浙0102') => `（2026）${court}执${7000 + n}号`;
  const theCase = (n: number, court = '浙0102') => ({ caseNumber: caseNo(n, court), respondentIds: [debtor] });
  const CONTROL = 'id status rank requestState caseNumber courtCode amount executedAmount deductedAmount';
  type Control = {
    id: string;
    status: string;
    rank: number;
    requestState: string;
    caseNumber: string;
    courtCode: string;
    amount: number;
    executedAmount: number;
    deductedAmount: number;
  };
  type Deduction = {
    transferReference: string;
    controlId: string;
    assetId: string;
    caseNumber: string;
    amount: number;
    courtAccount: string;
  };

  async function openAccount(balance: number, owner = debtor): Promise<BankDepositDocument> {
    const deposit: BankDepositDocument = {
      _id: fresh(() => generateBankCard(random)),
      category: 'BANK_DEPOSIT',
      ownerIds: [owner],
      estimatedValue: balance,
      securedClaims: 0,
      registerUpdatedAt: new Date(),
      bank: '中国工商银行',
      branch: '杭州西湖支行',
      accountType: 'DEBIT_CARD',
    };
    await h.subgraph.db.collection<BankDepositDocument>('assets').insertOne(deposit);
    return deposit;
  }
  const balanceOf = async (deposit: BankDepositDocument) =>
    (await h.subgraph.db.collection<BankDepositDocument>('assets').findOne({ _id: deposit._id }))?.estimatedValue;
  const deductionsIn = (deposit: BankDepositDocument) => h.subgraph.db.collection('deductions').countDocuments({ assetId: deposit._id });

  const freeze = (n: number, deposit: BankDepositDocument, amount: number, change: Record<string, unknown> = {}) =>
    h.query<{ requestFinanceControl: Control }>(
      `mutation($input: ControlRequestInput!) { requestFinanceControl(input: $input) { ${CONTROL} } }`,
      {
        input: {
          caseNumber: caseNo(n),
          partyId: debtor,
          assetId: deposit._id,
          measure: 'FREEZE',
          documentNumber: `${caseNo(n)}之一`,
          idempotencyKey: `freeze-${deposit._id}-${n}`,
          officer,
          amount,
          basis: noticeFor(theCase(n)),
          ...change,
        },
      },
    );
  const frozen = async (n: number, deposit: BankDepositDocument, amount: number) => {
    const response = await freeze(n, deposit, amount);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data?.requestFinanceControl as Control;
  };
  const deduct = (
    control: Pick<Control, 'id' | 'caseNumber'>,
    amount: number,
    transferReference: string,
    basis = noticeFor({ caseNumber: control.caseNumber, respondentIds: [debtor] }, HEAD),
    as = HEAD,
  ) =>
    h.query<{ deductFrozenFunds: Deduction }>(
      'mutation($input: DeductionInput!) { deductFrozenFunds(input: $input) { transferReference controlId assetId caseNumber amount courtAccount } }',
      { input: { controlId: control.id, amount, transferReference, basis } },
      { as },
    );
  const release = (control: Pick<Control, 'id' | 'caseNumber'>) =>
    h.query<{ releaseFinanceControl: Control }>(
      `mutation($id: ID!, $b: String!) { releaseFinanceControl(id: $id, documentNumber: "解冻通知书", basis: $b) { ${CONTROL} } }`,
      { id: control.id, b: noticeFor({ caseNumber: control.caseNumber, respondentIds: [debtor] }, HEAD) },
      { as: HEAD },
    );
  const queueOf = async (deposit: BankDepositDocument) => {
    const response = await h.query<{ _entities: { controls: Control[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on BankDeposit { controls { ${CONTROL} } } } }`,
      { r: [{ __typename: 'BankDeposit', id: deposit._id }] },
    );
    if (response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data?._entities[0].controls ?? [];
  };

  describe('a freeze request', () => {
    it('freezes at once what the account holds, through the court’s notice for a case naming the holder', async () => {
      const deposit = await openAccount(3_000_00);
      const control = await frozen(1, deposit, 5_000_00);
      expect(control).toMatchObject({
        status: 'ACTIVE',
        rank: 0,
        requestState: 'PARTIAL',
        courtCode: '浙0102',
        amount: 5_000_00,
        executedAmount: 3_000_00,
      });
    });

    it.each([
      ['a party who is not a respondent of the case', { partyId: '11010519491231002X' }, 'FORBIDDEN', 'not a respondent'],
      ['no notice for the case', { basis: 'x' }, 'FORBIDDEN', 'no legal basis'],
      ['a notice for another case', { basis: noticeFor(theCase(99)) }, 'FORBIDDEN', 'another case'],
      ['a notice given to another user', { basis: noticeFor(theCase(2), HEAD) }, 'FORBIDDEN', 'another user'],
      ['an amount of nothing', { amount: 0 }, 'BAD_USER_INPUT', 'input.amount'],
      ['more than the notice’s debt plus costs', { amount: 900_000_00 }, 'BAD_USER_INPUT', 'exceeds the debt plus costs'],
    ])('refuses %s, writing nothing', async (_label, change, code, words) => {
      const deposit = await openAccount(1_000_00);
      const response = await freeze(2, deposit, 1_000_00, change);
      expect(response.errors?.[0]?.extensions?.code).toBe(code);
      expect(JSON.stringify(response.errors?.[0])).toContain(words);
      expect(await h.subgraph.db.collection('controls').countDocuments({ assetId: deposit._id })).toBe(0);
    });

    it('refuses an account not registered as the respondent’s with OWNER_MISMATCH, worded as for one that does not exist', async () => {
      const others = await openAccount(
        1_000_00,
        fresh(() => generateCitizenId(random)),
      );
      const [theirs, none] = await Promise.all([
        freeze(3, others, 1_000_00),
        freeze(3, others, 1_000_00, { assetId: fresh(() => generateBankCard(random)) }),
      ]);
      expect(theirs.errors?.[0]?.extensions).toMatchObject({ code: 'OWNER_MISMATCH', field: 'input.assetId' });
      expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'OWNER_MISMATCH', field: 'input.assetId' });
      expect(theirs.errors?.[0]?.message.replace(others._id, '…')).toBe(none.errors?.[0]?.message.replace(/\d{16,19}/, '…'));
      expect(await h.subgraph.db.collection('controls').countDocuments({ assetId: others._id })).toBe(0);
    });
  });

  describe('a deduction', () => {
    it('goes to the case account of the court’s notice, exactly once per transfer reference', async () => {
      const deposit = await openAccount(10_000_00);
      const control = await frozen(10, deposit, 10_000_00);
      const sent = await Promise.all(Array.from({ length: 3 }, () => deduct(control, 4_000_00, 'TRF-7010-000001')));
      expect(sent.filter((r) => r.errors)).toEqual([]);
      for (const response of sent) {
        expect(response.data?.deductFrozenFunds).toEqual({
          transferReference: 'TRF-7010-000001',
          controlId: control.id,
          assetId: deposit._id,
          caseNumber: control.caseNumber,
          amount: 4_000_00,
          courtAccount: caseAccountOf(control.caseNumber),
        });
      }
      expect(await balanceOf(deposit)).toBe(6_000_00);
      expect((await queueOf(deposit))[0]).toMatchObject({ id: control.id, deductedAmount: 4_000_00 });
    });

    it.each([
      [
        'a notice for another court’s case, to its division head',
        () => noticeFor(theCase(11, '浙0106'), divisionHeadOf('浙0106')),
        divisionHeadOf('浙0106'),
        'another case',
      ],
      ['no notice', () => 'x', HEAD, 'no legal basis'],
      ['a notice given to someone else', () => noticeFor(theCase(11), divisionHeadOf('浙0106')), HEAD, 'another user'],
      [
        'a notice for the case stating another court',
        () =>
          attestCaseBasis(
            {
              userId: HEAD.userId,
              courtCode: '浙0106',
              caseNumber: caseNo(11),
              respondentIds: [debtor],
              debtPlusCosts: 10_000_00,
              caseAccount: caseAccountOf(caseNo(11)),
            },
            new Date(),
          ),
        HEAD,
        'not ordered by your court',
      ],
    ])('is FORBIDDEN through %s, and writes nothing', async (_label, basis, as, words) => {
      const deposit = await openAccount(2_000_00);
      const control = await frozen(11, deposit, 2_000_00);
      const response = await deduct(control, 1_000_00, 'TRF-7011-000001', basis(), as);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(response.errors?.[0]?.message).toContain(words);
      expect(await balanceOf(deposit)).toBe(2_000_00);
      expect(await deductionsIn(deposit)).toBe(0);
    });

    it('is FORBIDDEN to the officer of the case: deducting is for a division head', async () => {
      const deposit = await openAccount(2_000_00);
      const control = await frozen(12, deposit, 2_000_00);
      const response = await deduct(control, 1_000_00, 'TRF-7012-000001', noticeFor(theCase(12)), TEST_OFFICER);
      expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await balanceOf(deposit)).toBe(2_000_00);
      expect(await deductionsIn(deposit)).toBe(0);
    });

    it('is refused for nothing, for more than the freeze still holds, and for more than the account holds', async () => {
      const deposit = await openAccount(5_000_00);
      const control = await frozen(13, deposit, 4_000_00);
      expect((await deduct(control, 0, 'TRF-7013-000001')).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.amount',
      });
      expect((await deduct(control, 3_000_00, 'TRF-7013-000002')).errors).toBeUndefined();
      const beyondFreeze = await deduct(control, 1_000_01, 'TRF-7013-000003');
      expect(beyondFreeze.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
      expect(beyondFreeze.errors?.[0]?.message).toContain('still holds');
      // The bank reports a lower balance than the freeze holds (e.g. a prior-ranking set-off): only that much can go.
      await h.subgraph.db.collection<BankDepositDocument>('assets').updateOne({ _id: deposit._id }, { $set: { estimatedValue: 500_00 } });
      const beyondBalance = await deduct(control, 1_000_00, 'TRF-7013-000004');
      expect(beyondBalance.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
      expect(beyondBalance.errors?.[0]?.message).toContain('balance');
      expect(await balanceOf(deposit)).toBe(500_00);
      expect(await deductionsIn(deposit)).toBe(1);
    });

    it('takes only what the account holds beyond the claims ranking ahead of the court, writing nothing when refused', async () => {
      const deposit = await openAccount(5_000_00);
      const control = await frozen(14, deposit, 5_000_00);
      // A pledge of 4,000 yuan registered after the freeze (质押): it ranks ahead, so 1,000 yuan is left for the court.
      await h.subgraph.db.collection<BankDepositDocument>('assets').updateOne({ _id: deposit._id }, { $set: { securedClaims: 4_000_00 } });
      const beyond = await deduct(control, 1_000_01, 'TRF-7014-000001');
      expect(beyond.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
      expect(beyond.errors?.[0]?.message).toContain('claims ranking ahead');
      expect(await h.subgraph.db.collection<ControlDocument>('controls').findOne({ _id: control.id })).not.toHaveProperty('deducted');
      expect((await deduct(control, 1_000_00, 'TRF-7014-000002')).errors).toBeUndefined();
      expect(await balanceOf(deposit)).toBe(4_000_00);
      expect(await deductionsIn(deposit)).toBe(1);
      expect((await queueOf(deposit))[0]).toMatchObject({ id: control.id, deductedAmount: 1_000_00 });
    });

    it('leaves a waiting freeze of the whole balance holding nothing once the first took it all: it cannot deduct again', async () => {
      const deposit = await openAccount(5_000_00);
      const first = await frozen(20, deposit, 5_000_00);
      const second = await frozen(21, deposit, 5_000_00);
      expect(second).toMatchObject({ status: 'WAITING', rank: 1 });
      expect((await deduct(second, 1_000_00, 'TRF-7021-000001')).errors?.[0]?.extensions?.code).toBe('INVALID_TRANSITION');
      expect((await deduct(first, 5_000_00, 'TRF-7020-000001')).errors).toBeUndefined();
      expect(await balanceOf(deposit)).toBe(0);
      expect((await release(first)).data?.releaseFinanceControl.status).toBe('RELEASED');
      const [head] = await queueOf(deposit);
      expect(head).toMatchObject({ id: second.id, status: 'ACTIVE', rank: 0, executedAmount: 0, requestState: 'PARTIAL' });
      const again = await deduct(second, 1, 'TRF-7021-000002');
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
      expect(await balanceOf(deposit)).toBe(0);
      expect(await deductionsIn(deposit)).toBe(1);
    });

    it('lets a waiting freeze, once active, deduct only what the account still holds, never taking the balance below zero', async () => {
      const deposit = await openAccount(8_000_00);
      const first = await frozen(30, deposit, 5_000_00);
      const second = await frozen(31, deposit, 8_000_00);
      expect((await deduct(first, 5_000_00, 'TRF-7030-000001')).errors).toBeUndefined();
      expect((await release(first)).errors).toBeUndefined();
      const [head] = await queueOf(deposit);
      expect(head).toMatchObject({ id: second.id, status: 'ACTIVE', executedAmount: 3_000_00, requestState: 'PARTIAL' });
      expect((await deduct(second, 3_000_01, 'TRF-7031-000001')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await deduct(second, 3_000_00, 'TRF-7031-000002')).data?.deductFrozenFunds.amount).toBe(3_000_00);
      expect((await deduct(second, 1, 'TRF-7031-000003')).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await balanceOf(deposit)).toBe(0);
    });
  });
});
