import { generateCourt } from '../../seed/agencies/court';
import { generateMarket } from '../../seed/agencies/market';
import { DEFAULT_AS_OF } from '../../seed/province';
import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import { noticeFor } from '../../test/cases';
import { divisionHeadOf } from '../../test/identities';
import { createRandom } from '../../domain/identifiers';
import type { ControlDocument } from '../kit/register/model';
import type { AssetCategory } from '../../domain/assets';
import type { CompanyEquityDocument, IntellectualPropertyDocument, MarketAsset, UnlistedSharesDocument } from './model';
import market from './index';

const court = generateCourt(createRandom('7:court'), 400, DEFAULT_AS_OF);
const world = { asOf: DEFAULT_AS_OF, parties: court.parties, partyById: new Map(court.parties.map((p) => [p.id, p])), cases: court.cases };
const data = generateMarket(world, createRandom('7:market'));
const assets = data.assets as MarketAsset[];
const controls = data.controls as ControlDocument[];
const CASE = '（2026）浙0102执1号';
const ASSET_FIELDS = `id category ownerIds estimatedValue
  ... on CompanyEquity { companyId companyName registeredCapital subscribedCapital paidInCapital sharePercent pledged pledge { pledgee amount registeredOn } freezeDisclosedOn }
  ... on UnlistedShares { companyId companyName custodian holderAccount shareCount valuePerShare }
  ... on IntellectualProperty { kind title registeredOn expiresOn licensed }`;

interface Findings {
  marketFindings: {
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

const day = (d: Date | null) => d?.toISOString().slice(0, 10) ?? null;
function expected(asset: MarketAsset): Record<string, unknown> {
  const base = { id: asset._id, category: asset.category, ownerIds: asset.ownerIds, estimatedValue: asset.estimatedValue };
  if (asset.category === 'COMPANY_EQUITY') {
    const { companyId, companyName, registeredCapital, subscribedCapital, paidInCapital, sharePercent, pledge } =
      asset as CompanyEquityDocument;
    const pledged = pledge ? { ...pledge, registeredOn: day(pledge.registeredOn) } : null;
    return {
      ...base,
      companyId,
      companyName,
      registeredCapital,
      subscribedCapital,
      paidInCapital,
      sharePercent,
      pledged: pledge !== null,
      pledge: pledged,
      freezeDisclosedOn: day(asset.freezeDisclosedOn),
    };
  }
  if (asset.category === 'UNLISTED_SHARES') {
    const { companyId, companyName, custodian, holderAccount, shareCount, valuePerShare } = asset as UnlistedSharesDocument;
    return { ...base, companyId, companyName, custodian, holderAccount, shareCount, valuePerShare };
  }
  const { kind, title, registeredOn, expiresOn, licensed } = asset as IntellectualPropertyDocument;
  return { ...base, kind, title, registeredOn: day(registeredOn), expiresOn: day(expiresOn), licensed };
}

let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(market, 'market', data);
});
afterAll(() => h?.stop());

describe('market findings', () => {
  const categories: AssetCategory[] = ['COMPANY_EQUITY', 'UNLISTED_SHARES', 'INTELLECTUAL_PROPERTY'];
  // A pledged, frozen equity exercises the most fields; the other categories take their first holder.
  const showcase = (category: AssetCategory) =>
    category === 'COMPANY_EQUITY'
      ? assets.find((a) => a.category === 'COMPANY_EQUITY' && a.pledge !== null && a.freezeDisclosedOn !== null)
      : assets.find((a) => a.category === category);

  it.each(categories)('answers %s with counts, values, ids and fields matching the register', async (category) => {
    const owner = showcase(category)?.ownerIds[0];
    if (!owner) throw new Error(`the seed holds no ${category} to show`);
    const [found] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: owner }],
      `marketFindings { agency categories { category count totalEstimatedValue controllableValue assets { ${ASSET_FIELDS} } } }`,
    );
    expect(found.marketFindings.agency).toBe('MARKET');
    expect(found.marketFindings.categories.map((c) => c.category)).toEqual(categories);
    const own = assets.filter((a) => a.ownerIds.includes(owner));
    for (const entry of found.marketFindings.categories) {
      const mine = own.filter((a) => a.category === entry.category);
      expect(entry.count).toBe(mine.length);
      expect(entry.totalEstimatedValue).toBe(mine.reduce((sum, a) => sum + (a.estimatedValue ?? 0), 0));
      expect(entry.controllableValue).toBe(mine.reduce((sum, a) => sum + Math.max(0, (a.estimatedValue ?? 0) - a.securedClaims), 0));
      expect(entry.assets).toEqual(expect.arrayContaining(mine.map(expected)));
      expect(entry.assets).toHaveLength(mine.length);
    }
  });

  it('answers only the categories asked for, and nothing from the database for none of its own', async () => {
    const owner = showcase('INTELLECTUAL_PROPERTY')?.ownerIds[0] as string;
    const [only] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: owner }],
      'marketFindings(categories: [INTELLECTUAL_PROPERTY, BANK_DEPOSIT]) { categories { category count } }',
    );
    expect(only.marketFindings.categories.map((c) => c.category)).toEqual(['INTELLECTUAL_PROPERTY']);
    const events: string[] = [];
    const listener = (event: { commandName: string }) => events.push(event.commandName);
    h.subgraph.client.on('commandStarted', listener);
    const [none] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: owner }],
      'marketFindings(categories: [REAL_ESTATE]) { categories { category } }',
    );
    h.subgraph.client.off('commandStarted', listener);
    expect(none.marketFindings.categories).toEqual([]);
    expect(events).toEqual([]);
  });

  it('gives an empty list per category for a party with nothing registered', async () => {
    const [found] = await h.caseParties<Findings>(
      [{ caseNumber: CASE, partyId: '11010519491231002X' }],
      'marketFindings { categories { count assets { id } } }',
    );
    expect(found.marketFindings.categories).toHaveLength(3);
    expect(found.marketFindings.categories.every((c) => c.count === 0 && c.assets.length === 0)).toBe(true);
  });
});

describe('market controls', () => {
  it('ranks the freezes on each asset 0..n, the active one first', async () => {
    const queued = [...new Set(controls.map((c) => c.assetId))];
    const response = await h.query<{ _entities: { id: string; controls: { rank: number; status: string; measure: string }[] }[] }>(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Asset { id controls { rank status measure } } } }',
      {
        r: queued.map((id) => ({
          __typename: { COMPANY_EQUITY: 'CompanyEquity', UNLISTED_SHARES: 'UnlistedShares', INTELLECTUAL_PROPERTY: 'IntellectualProperty' }[
            assets.find((a) => a._id === id)?.category as string
          ],
          id,
        })),
      },
    );
    expect(response.errors).toBeUndefined();
    for (const entity of response.data?._entities ?? []) {
      expect(entity.controls.map((c) => c.rank)).toEqual(entity.controls.map((_, i) => i));
      expect(entity.controls.map((c) => c.status)).toEqual(entity.controls.map((_, i) => (i === 0 ? 'ACTIVE' : 'WAITING')));
      expect(entity.controls.every((c) => c.measure === 'FREEZE')).toBe(true);
    }
    expect(response.data?._entities).toHaveLength(queued.length);
  });

  const CONTROLS = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on EnforcementCase { marketControls { id courtCode } } } }';
  const caseNumber = controls[0].caseNumber;
  const respondentIds = world.cases.find((c) => c._id === caseNumber)?.respondentIds ?? [];

  it("lists a case's controls on EnforcementCase, through the court's notice for the case", async () => {
    const response = await h.query<{ _entities: { marketControls: { id: string; courtCode: string }[] }[] }>(CONTROLS, {
      r: [{ __typename: 'EnforcementCase', caseNumber, basis: noticeFor({ caseNumber, respondentIds }) }],
    });
    expect(response.errors).toBeUndefined();
    expect(response.data?._entities[0].marketControls.map((c) => c.id).sort()).toEqual(
      controls
        .filter((c) => c.caseNumber === caseNumber)
        .map((c) => c._id)
        .sort(),
    );
  });

  it.each([
    ['no notice', () => undefined],
    ['a token that is no notice', () => 'x'],
    ['a notice for another case', () => noticeFor({ caseNumber: '（2026）浙0102执99999号', respondentIds })],
    ['a notice for another user', () => noticeFor({ caseNumber, respondentIds }, divisionHeadOf('浙0102'))],
  ])("refuses a case's controls on EnforcementCase with FORBIDDEN for %s", async (_label, basis) => {
    const response = await h.query<{ _entities: { marketControls: unknown }[] }>(CONTROLS, {
      r: [{ __typename: 'EnforcementCase', caseNumber, basis: basis() }],
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(response.data?._entities[0].marketControls ?? null).toBeNull();
  });
});
