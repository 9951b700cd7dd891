import { generateCourt } from '../../seed/agencies/court';
import { generateMarket } from '../../seed/agencies/market';
import { DEFAULT_AS_OF } from '../../seed/province';
import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { noticeFor } from '../../test/cases';
import { divisionHeadOf, TEST_OFFICER } from '../../test/identities';
import { createRandom } from '../../domain/identifiers';
import { ACCESS_LOG, subjectHash, type AccessEntry } from '../kit/audit/accessLog';
import { accessLogKey } from '../kit/audit/key';
import type { CompanyEquityDocument, MarketAsset } from './model';
import market from './index';

const court = generateCourt(createRandom('7:court'), 400, DEFAULT_AS_OF);
const world = { asOf: DEFAULT_AS_OF, parties: court.parties, partyById: new Map(court.parties.map((p) => [p.id, p])), cases: court.cases };
const data = generateMarket(world, createRandom('7:market'));
const assets = data.assets as MarketAsset[];
const CASE = '（2026）浙0102执1号';

let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(market, 'market_lookups', data);
});
afterAll(() => h?.stop());

async function errorOf(query: string, variables: Record<string, unknown>) {
  const response = await h.query(query, variables);
  return response.errors?.[0]?.extensions;
}

/** The court's notice for CASE naming `respondentIds`, as the test officer gets it. */
const notice = (respondentIds: string[], user = TEST_OFFICER) => noticeFor({ caseNumber: CASE, respondentIds }, user);
const logOf = (subjectId: string, operation: string) =>
  h.subgraph.db
    .collection<AccessEntry>(ACCESS_LOG)
    .find({ subjectHash: subjectHash(accessLogKey(), subjectId), operation })
    .toArray();
const FORBIDDEN_BASES: [string, (owners: string[]) => string][] = [
  ['a token that is no notice', () => 'x'],
  ['a notice for another case', (owners) => noticeFor({ caseNumber: '（2026）浙0102执2号', respondentIds: owners })],
  ['a notice for another user', (owners) => notice(owners, divisionHeadOf('浙0102'))],
];

describe('companyEquityOfCompany', () => {
  const EQUITY =
    'query($c: String!, $k: String!, $b: String!) { companyEquityOfCompany(companyId: $c, caseNumber: $k, basis: $b) { id ownerIds sharePercent } }';
  const equity = assets.filter((a): a is CompanyEquityDocument => a.category === 'COMPANY_EQUITY');
  // The company with the most shareholders on record.
  const counts = new Map<string, number>();
  for (const e of equity) counts.set(e.companyId, (counts.get(e.companyId) ?? 0) + 1);
  const companyId = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
  const stakes = equity.filter((e) => e.companyId === companyId);
  const holders = [...new Set(stakes.flatMap((e) => e.ownerIds))];
  type Stake = { id: string; ownerIds: string[]; sharePercent: number };

  it('lists the respondents’ stakes in a company, largest share first', async () => {
    const response = await h.query<{ companyEquityOfCompany: Stake[] }>(EQUITY, {
      c: companyId.toLowerCase(),
      k: CASE,
      b: notice(holders),
    });
    expect(response.errors).toBeUndefined();
    const found = response.data?.companyEquityOfCompany ?? [];
    expect(found.map((e) => e.id).sort()).toEqual(stakes.map((e) => e._id).sort());
    expect(found.length).toBeGreaterThan(1);
    expect(found.map((e) => e.sharePercent)).toEqual([...found.map((e) => e.sharePercent)].sort((a, b) => b - a));
  });

  it('shows only the stakes of the case’s respondents, none of the other shareholders, and logs each respondent shown', async () => {
    const [respondent] = stakes[stakes.length - 1].ownerIds;
    const before = await Promise.all(holders.map(async (id) => (await logOf(id, 'companyEquityOfCompany')).length));
    const response = await h.query<{ companyEquityOfCompany: Stake[] }>(EQUITY, {
      c: companyId,
      k: CASE,
      b: notice([respondent, '11010519491231002X']),
    });
    expect(response.errors).toBeUndefined();
    const found = response.data?.companyEquityOfCompany ?? [];
    expect(found.map((e) => e.id).sort()).toEqual(
      stakes
        .filter((e) => e.ownerIds.includes(respondent))
        .map((e) => e._id)
        .sort(),
    );
    expect(found.every((e) => e.ownerIds.includes(respondent))).toBe(true);
    expect(found.length).toBeLessThan(stakes.length);
    const after = await Promise.all(holders.map(async (id) => logOf(id, 'companyEquityOfCompany')));
    holders.forEach((id, i) => expect(after[i]).toHaveLength(before[i] + (id === respondent ? 1 : 0)));
    expect(after[holders.indexOf(respondent)].at(-1)).toMatchObject({
      userId: TEST_OFFICER.userId,
      caseNumber: CASE,
      answeredBy: 'MARKET',
      categories: ['COMPANY_EQUITY'],
      resultCount: found.length,
    });
  });

  it('answers an empty list, as for a company with no shareholders on record, when no respondent holds a stake', async () => {
    const [none, unknown] = await Promise.all([
      h.query(EQUITY, { c: companyId, k: CASE, b: notice(['11010519491231002X']) }),
      h.query(EQUITY, { c: '91110000600037341L', k: CASE, b: notice(holders) }),
    ]);
    expect(none).toEqual({ data: { companyEquityOfCompany: [] } });
    expect(unknown).toEqual(none);
  });

  it.each(FORBIDDEN_BASES)('refuses a look-up with FORBIDDEN for %s', async (_label, basis) => {
    expect(await errorOf(EQUITY, { c: companyId, k: CASE, b: basis(holders) })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a malformed company code or case number, naming the argument', async () => {
    expect(await errorOf(EQUITY, { c: '91110000600037341M', k: CASE, b: notice(holders) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'companyId',
    });
    expect(await errorOf(EQUITY, { c: '91110000600037341L', k: '浙0102执1号', b: notice(holders) })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'caseNumber',
    });
  });
});

describe('intellectualPropertyByNumber', () => {
  const IP =
    'query($n: String!, $k: String!, $b: String!) { intellectualPropertyByNumber(number: $n, caseNumber: $k, basis: $b) { id kind title ownerIds } }';
  const ip = assets.filter((a) => a.category === 'INTELLECTUAL_PROPERTY');
  const first = ip[0];
  // An IP right none of whose holders holds `first`.
  const strangers = ip.find((a) => !a.ownerIds.some((id) => first.ownerIds.includes(id)));

  it('finds each kind on record by its registration number, for a respondent holding it', async () => {
    expect(ip.length).toBeGreaterThan(0);
    for (const asset of ip) {
      const response = await h.query<{ intellectualPropertyByNumber: { id: string; kind: string; title: string } | null }>(IP, {
        n: asset._id,
        k: CASE,
        b: notice(asset.ownerIds),
      });
      expect(response.data?.intellectualPropertyByNumber).toMatchObject({ id: asset._id, kind: asset.kind, title: asset.title });
    }
  });

  it('logs a right found, with its respondent holder as the subject', async () => {
    const before = (await logOf(first.ownerIds[0], 'intellectualPropertyByNumber')).length;
    expect((await h.query(IP, { n: first._id, k: CASE, b: notice(first.ownerIds) })).errors).toBeUndefined();
    const log = await logOf(first.ownerIds[0], 'intellectualPropertyByNumber');
    expect(log).toHaveLength(before + 1);
    expect(log.at(-1)).toMatchObject({
      userId: TEST_OFFICER.userId,
      caseNumber: CASE,
      answeredBy: 'MARKET',
      categories: ['INTELLECTUAL_PROPERTY'],
      resultCount: 1,
    });
  });

  it('answers null for a valid number not on record, and for a number that is another category', async () => {
    for (const n of ['ZL201710601862.3', '2023SR0123456', '12345678']) {
      const response = await h.query<{ intellectualPropertyByNumber: unknown }>(IP, { n, k: CASE, b: notice(first.ownerIds) });
      expect(response.errors).toBeUndefined();
      expect(response.data?.intellectualPropertyByNumber).toBeNull();
    }
  });

  it('answers null, as for a number not on record, for a right no respondent of the case holds, and logs nothing of its holder', async () => {
    if (!strangers) throw new Error('the seed holds no second IP right with other holders');
    const before = (await logOf(strangers.ownerIds[0], 'intellectualPropertyByNumber')).length;
    const [other, unknown] = await Promise.all([
      h.query(IP, { n: strangers._id, k: CASE, b: notice(first.ownerIds) }),
      h.query(IP, { n: 'ZL201710601862.3', k: CASE, b: notice(first.ownerIds) }),
    ]);
    expect(other).toEqual(unknown);
    expect(other).toEqual({ data: { intellectualPropertyByNumber: null } });
    expect(await logOf(strangers.ownerIds[0], 'intellectualPropertyByNumber')).toHaveLength(before);
  });

  it.each(FORBIDDEN_BASES)('refuses a look-up with FORBIDDEN for %s', async (_label, basis) => {
    expect(await errorOf(IP, { n: first._id, k: CASE, b: basis(first.ownerIds) })).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a wrong check character or an unknown shape, naming the argument', async () => {
    expect(await errorOf(IP, { n: 'ZL201710601862.4', k: CASE, b: 'x' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
    expect(await errorOf(IP, { n: 'TM-123', k: CASE, b: 'x' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
    expect(await errorOf(IP, { n: '12345678', k: 'no case', b: 'x' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
  });
});
