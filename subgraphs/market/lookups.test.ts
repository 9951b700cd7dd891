import { generateCourt } from '../../seed/agencies/court';
import { generateMarket } from '../../seed/agencies/market';
import { DEFAULT_AS_OF } from '../../seed/province';
import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { createRandom } from '../../domain/identifiers';
import type { MarketAsset } from './model';
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

describe('companyEquityOfCompany', () => {
  const EQUITY = 'query($c: String!, $k: String!) { companyEquityOfCompany(companyId: $c, caseNumber: $k) { id ownerIds sharePercent } }';

  it('lists the shareholders of a company, largest share first', async () => {
    const equity = assets.filter((a) => a.category === 'COMPANY_EQUITY');
    const counts = new Map<string, number>();
    for (const e of equity) counts.set(e.companyId, (counts.get(e.companyId) ?? 0) + 1);
    const companyId = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
    const response = await h.query<{ companyEquityOfCompany: { id: string; sharePercent: number }[] }>(EQUITY, { c: companyId.toLowerCase(), k: CASE });
    expect(response.errors).toBeUndefined();
    const found = response.data?.companyEquityOfCompany ?? [];
    expect(found.map((e) => e.id).sort()).toEqual(equity.filter((e) => e.companyId === companyId).map((e) => e._id).sort());
    expect(found.length).toBeGreaterThan(1);
    expect(found.map((e) => e.sharePercent)).toEqual([...found.map((e) => e.sharePercent)].sort((a, b) => b - a));
  });

  it('answers an empty list for a valid code with no shareholders on record', async () => {
    const response = await h.query<{ companyEquityOfCompany: unknown[] }>(EQUITY, { c: '91110000600037341L', k: CASE });
    expect(response.data?.companyEquityOfCompany).toEqual([]);
  });

  it('refuses a malformed company code or case number, naming the argument', async () => {
    expect(await errorOf(EQUITY, { c: '91110000600037341M', k: CASE })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'companyId' });
    expect(await errorOf(EQUITY, { c: '91110000600037341L', k: '浙0102执1号' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
  });
});

describe('intellectualPropertyByNumber', () => {
  const IP = 'query($n: String!, $k: String!) { intellectualPropertyByNumber(number: $n, caseNumber: $k) { id kind title ownerIds } }';

  it('finds each kind on record by its registration number', async () => {
    const ip = assets.filter((a) => a.category === 'INTELLECTUAL_PROPERTY');
    expect(ip.length).toBeGreaterThan(0);
    for (const asset of ip) {
      const response = await h.query<{ intellectualPropertyByNumber: { id: string; kind: string; title: string } | null }>(IP, { n: asset._id, k: CASE });
      expect(response.data?.intellectualPropertyByNumber).toMatchObject({ id: asset._id, kind: asset.kind, title: asset.title });
    }
  });

  it('answers null for a valid number not on record, and for a number that is another category', async () => {
    for (const n of ['ZL201710601862.3', '2023SR0123456', '12345678']) {
      const response = await h.query<{ intellectualPropertyByNumber: unknown }>(IP, { n, k: CASE });
      expect(response.errors).toBeUndefined();
      expect(response.data?.intellectualPropertyByNumber).toBeNull();
    }
  });

  it('refuses a wrong check character or an unknown shape, naming the argument', async () => {
    expect(await errorOf(IP, { n: 'ZL201710601862.4', k: CASE })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
    expect(await errorOf(IP, { n: 'TM-123', k: CASE })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'number' });
    expect(await errorOf(IP, { n: '12345678', k: 'no case' })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'caseNumber' });
  });
});
