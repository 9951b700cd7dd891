import { generateProvince } from '../../seed/province';
import type { AssetDocument } from '../kit/register/model';
import { startAgency, type AgencyHarness } from '../../test/agencyHarness';
import realestate from './index';

const province = generateProvince(21, 400);
const assets = province.realestate.assets as AssetDocument[];
let h: AgencyHarness;
beforeAll(async () => {
  h = await startAgency(realestate, 'realestate_unit', province.realestate);
});
afterAll(() => h?.stop());

describe('real-estate findings', () => {
  it('answers every category it registers, in order, with counts and values matching the register', async () => {
    const owner = assets.find((a) => a.category === 'REAL_ESTATE')?.ownerIds[0] as string;
    const [findings] = await h.caseParties<{
      realEstateFindings: {
        agency: string;
        categories: { category: string; count: number; totalEstimatedValue: number; assets: { id: string }[] }[];
      };
    }>(
      [{ caseNumber: '（2026）浙0102执1号', partyId: owner }],
      'realEstateFindings { agency categories { category count totalEstimatedValue assets { id } } }',
    );
    expect(findings.realEstateFindings.agency).toBe('REALESTATE');
    expect(findings.realEstateFindings.categories.map((c) => c.category)).toEqual([
      'REAL_ESTATE',
      'LAND_USE_RIGHT',
      'OFF_PLAN_PROPERTY',
      'MINING_OR_SEA_RIGHT',
    ]);
    const own = assets.filter((a) => a.ownerIds.includes(owner) && a.category === 'REAL_ESTATE');
    const entry = findings.realEstateFindings.categories[0];
    expect(entry.count).toBe(own.length);
    expect(entry.totalEstimatedValue).toBe(own.reduce((sum, a) => sum + (a.estimatedValue ?? 0), 0));
    expect(entry.assets.map((a) => a.id).sort()).toEqual(own.map((a) => a._id).sort());
  });

  it('asks nothing of the database when the filter names none of its categories', async () => {
    const events: string[] = [];
    const listener = (event: { commandName: string }) => events.push(event.commandName);
    h.subgraph.client.on('commandStarted', listener);
    const [findings] = await h.caseParties<{ realEstateFindings: { categories: unknown[] } }>(
      [{ caseNumber: '（2026）浙0102执1号', partyId: assets[0].ownerIds[0] }],
      'realEstateFindings(categories: [BANK_DEPOSIT]) { categories { category } }',
    );
    h.subgraph.client.off('commandStarted', listener);
    expect(findings.realEstateFindings.categories).toEqual([]);
    expect(events).toEqual([]);
  });

  it('gives an empty list per category, not an error, for a party with nothing registered', async () => {
    const [findings] = await h.caseParties<{
      realEstateFindings: { categories: { count: number; assets: unknown[]; registerUpdatedAt: string | null }[] };
    }>(
      [{ caseNumber: '（2026）浙0102执1号', partyId: '11010519491231002X' }],
      'realEstateFindings { categories { count assets { id } registerUpdatedAt } }',
    );
    expect(
      findings.realEstateFindings.categories.every((c) => c.count === 0 && c.assets.length === 0 && c.registerUpdatedAt === null),
    ).toBe(true);
  });
});
