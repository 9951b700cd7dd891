import { POINT_READS } from '../subgraphs/kit/loaders';
import { commandsCounted } from '../subgraphs/kit/databaseMetrics';
import { generateProvince } from '../seed/province';
import { readCommittedSupergraph } from '../schema/supergraph';
import type { CaseDocument } from '../subgraphs/court/model';
import { type AssetDocument } from '../subgraphs/kit/register/model';
import { ASSET_CATEGORIES, type AssetCategory } from '../domain/assets';
import { controllableValue } from '../subgraphs/kit/register/findings';
import { findBatches, startHarness, writeCommands, type Harness } from './harness';
import { divisionHeadOf, officerOf } from './identities';

const SEED = { seed: 5, cases: 500 };
const province = generateProvince(SEED.seed, SEED.cases);
const cases = province.court.cases as CaseDocument[];
const assets = Object.values(province).flatMap((data) => (data.assets ?? []) as AssetDocument[]);
/** Every agency's findings field on CaseParty, as composed: a new agency is covered without editing this test. */
const FINDINGS = [...new Set([...readCommittedSupergraph().matchAll(/^\s+(\w+Findings)\(categories:/gm)].map((m) => m[1]))];

interface CategoryFindings {
  category: AssetCategory;
  agency: string;
  count: number;
  totalEstimatedValue: number;
  controllableValue: number;
  registerUpdatedAt: string | null;
  assets: { id: string; category: string; ownerIds: string[] }[];
}
interface PanoramaRow {
  category: AssetCategory;
  agency: string;
  known: boolean;
  count: number | null;
  totalEstimatedValue: number | null;
}
interface Panorama {
  categories: PanoramaRow[];
  complete: boolean;
  missingAgencies: string[];
  coverage: number | null;
  totalEstimatedValue: number;
  totalControllableValue: number;
  amountOwedInOpenCases: number;
  openCasesAsRespondent: number;
  categoriesWithAssets: number;
}
type CaseParty = { panorama: Panorama | null } & Record<string, { agency: string; categories: CategoryFindings[] } | null>;

const QUERY = `fragment Findings on AgencyFindings {
  agency answeredAt
  categories { category agency count totalEstimatedValue controllableValue registerUpdatedAt assets { id category ownerIds } }
}
query Panorama($caseNumber: String!, $partyId: ID!, $categories: [AssetCategory!]) {
  caseParty(caseNumber: $caseNumber, partyId: $partyId) {
    ${FINDINGS.map((field) => `${field}(categories: $categories) { ...Findings }`).join('\n    ')}
    panorama(categories: $categories) {
      categories { category agency known count totalEstimatedValue }
      complete missingAgencies coverage
      totalEstimatedValue totalControllableValue amountOwedInOpenCases openCasesAsRespondent categoriesWithAssets
    }
  }
}`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'panorama', seed: SEED, background: false });
});
afterAll(() => h?.stop());

const openCases = cases.filter((c) => c.status === 'OPEN');
const holdings = (partyId: string, category: AssetCategory) =>
  assets.filter((a) => a.category === category && a.ownerIds.includes(partyId));
/** For each category, a respondent of an open case who holds it: the debtors an officer would look up. */
const debtorFor = (category: AssetCategory) => {
  for (const c of openCases)
    for (const partyId of c.respondentIds) if (holdings(partyId, category).length > 0) return { caseNumber: c._id, partyId };
  throw new Error(`the seed holds no ${category} for a respondent of an open case`);
};

/** The officer the case names: the one with a legal basis to look at its parties. */
const officerOfCase = (caseNumber: string) => officerOf(cases.find((c) => c._id === caseNumber) as CaseDocument);

async function panoramaOf(ref: { caseNumber: string; partyId: string }, categories?: AssetCategory[]) {
  const response = await h.query<{ caseParty: CaseParty | null }>(QUERY, { ...ref, categories }, { as: officerOfCase(ref.caseNumber) });
  return response;
}

describe('the asset panorama of a debtor', () => {
  it('is composed from every agency subgraph', () => {
    expect(FINDINGS.length).toBeGreaterThanOrEqual(1);
  });

  it.each(ASSET_CATEGORIES.map((c) => [c]))('finds %s with what the register holds, from the agency that owns it', async (category) => {
    const ref = debtorFor(category);
    const response = await panoramaOf(ref);
    expect(response.errors).toBeUndefined();
    const party = response.data?.caseParty as CaseParty;
    const rows = FINDINGS.flatMap((field) => party[field]?.categories ?? []);
    const row = rows.find((r) => r.category === category) as CategoryFindings;
    const held = holdings(ref.partyId, category);
    expect(row.count).toBe(held.length);
    expect(row.assets.map((a) => a.id).sort()).toEqual(held.map((a) => a._id).sort());
    expect(row.totalEstimatedValue).toBe(held.reduce((sum, a) => sum + (a.estimatedValue ?? 0), 0));
    expect(row.controllableValue).toBe(held.reduce((sum, a) => sum + controllableValue(a, ref.partyId), 0));
    expect(row.registerUpdatedAt).toBe(new Date(Math.max(...held.map((a) => a.registerUpdatedAt.getTime()))).toISOString());
    expect(row.assets.every((a) => a.category === category && a.ownerIds.includes(ref.partyId))).toBe(true);
    // The panorama lists every category once, and its row matches the agency's.
    const panorama = party.panorama as Panorama;
    expect(panorama.categories.map((r) => r.category)).toEqual(ASSET_CATEGORIES.filter((c) => rows.some((r) => r.category === c)));
    expect(panorama.categories.find((r) => r.category === category)).toEqual({
      category,
      agency: row.agency,
      known: true,
      count: row.count,
      totalEstimatedValue: row.totalEstimatedValue,
    });
    expect([panorama.complete, panorama.missingAgencies]).toEqual([true, []]);
    const owed = openCases.filter((c) => c.respondentIds.includes(ref.partyId)).reduce((sum, c) => sum + c.amountOwed, 0);
    expect(panorama.amountOwedInOpenCases).toBe(owed);
    expect(panorama.totalEstimatedValue).toBe(rows.reduce((sum, r) => sum + r.totalEstimatedValue, 0));
  });

  it('answers only the categories asked for, and agencies that hold none of them answer an empty list', async () => {
    const ref = debtorFor('REAL_ESTATE');
    const response = await panoramaOf(ref, ['REAL_ESTATE', 'BANK_DEPOSIT']);
    expect(response.errors).toBeUndefined();
    const party = response.data?.caseParty as CaseParty;
    const rows = FINDINGS.flatMap((field) => party[field]?.categories ?? []);
    expect(rows.map((r) => r.category).sort()).toEqual(FINDINGS.length > 1 ? ['BANK_DEPOSIT', 'REAL_ESTATE'] : ['REAL_ESTATE']);
    expect(party.panorama?.categories.map((r) => r.category)).toEqual(
      rows.map((r) => r.category).sort((a, b) => ASSET_CATEGORIES.indexOf(a) - ASSET_CATEGORIES.indexOf(b)),
    );
  });

  it('gives a debtor with nothing empty lists and zero totals, not errors', async () => {
    const owning = new Set(assets.flatMap((a) => a.ownerIds));
    const ref = cases
      .flatMap((c) => [...c.respondentIds, ...c.applicantIds].map((partyId) => ({ caseNumber: c._id, partyId })))
      .find((r) => !owning.has(r.partyId));
    expect(ref).toBeDefined();
    const response = await panoramaOf(ref as { caseNumber: string; partyId: string });
    expect(response.errors).toBeUndefined();
    const party = response.data?.caseParty as CaseParty;
    for (const field of FINDINGS) expect(party[field]?.categories.every((c) => c.count === 0 && c.assets.length === 0)).toBe(true);
    expect(party.panorama?.totalEstimatedValue).toBe(0);
    expect(party.panorama?.categoriesWithAssets).toBe(0);
  });

  it('answers null for a party that does not stand in the case', async () => {
    const ref = debtorFor('REAL_ESTATE');
    const other = cases.find(
      (c) => c.status === 'OPEN' && !c.respondentIds.includes(ref.partyId) && !c.applicantIds.includes(ref.partyId),
    ) as CaseDocument;
    const response = await panoramaOf({ caseNumber: other._id, partyId: ref.partyId });
    expect(response.errors).toBeUndefined();
    expect(response.data?.caseParty).toBeNull();
  });
});

describe('bad input to the panorama', () => {
  const ref = debtorFor('REAL_ESTATE');
  it.each([
    ['a malformed case number', { ...ref, caseNumber: '（2024）浙0102执01号' }, 'caseNumber'],
    ['a malformed party id', { ...ref, partyId: '91330102MA2XXXXXX9' }, 'partyId'],
    ['an unknown category', { ...ref, categories: ['YACHT'] }, 'categories'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_label, variables, field) => {
    let response: Awaited<ReturnType<typeof h.query>> = {};
    const commands = await h.recordCommands(async () => {
      response = await h.query(QUERY, variables, { as: officerOfCase(ref.caseNumber) });
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toContain(field);
    expect(writeCommands(commands.values())).toEqual([]);
  });
});

describe('fifty cases with every respondent’s assets', () => {
  it('cost a bounded number of database batches per subgraph, however many cases', async () => {
    const LIST = `query List($court: String!, $first: Int) {
      casesOfCourt(courtCode: $court, first: $first, filter: { status: OPEN }) {
        nodes { caseNumber respondents { party { name } ${FINDINGS.map((f) => `${f} { categories { count assets { id controls { id rank } } } }`).join(' ')} } }
      }
    }`;
    const busiest = Object.entries(
      cases.reduce<Record<string, number>>((n, c) => ({ ...n, [c.courtCode]: (n[c.courtCode] ?? 0) + 1 }), {}),
    ).sort((a, b) => b[1] - a[1])[0][0];
    const batches = async (first: number) => {
      const commands = await h.recordCommands(async () => {
        // The court's division head: the parties of its open cases are theirs to see.
        const response = await h.query(LIST, { court: busiest, first }, { as: divisionHeadOf(busiest) });
        expect(response.errors).toBeUndefined();
      });
      return Object.fromEntries([...commands].map(([name, events]) => [name, findBatches(events, h.databaseName(name)).length]));
    };
    const few = await batches(3);
    const many = await batches(50);
    for (const [subgraph, count] of Object.entries(many)) {
      // court: the page, the parties; each agency: assets by owner, controls by asset. Three cases may read
      // their few parties or assets by _id one by one instead (kit/loaders.ts), never more than that.
      expect(count).toBeLessThanOrEqual(3);
      expect(few[subgraph] ?? 0).toBeLessThanOrEqual(3 + 2 * POINT_READS);
    }
  });
});

describe("each subgraph's /metrics", () => {
  /** mongodb_commands_total of one subgraph, summed over command names. */
  const commandsSent = async (name: string) => {
    const running = h.subgraphs.get(name);
    if (!running) throw new Error(`no subgraph ${name}`);
    return commandsCounted(await (await fetch(new URL('/metrics', running.url))).text());
  };

  it('counts every database command a panorama sent, as many as the driver reported, so an operator sees what a request costs', async () => {
    const ref = debtorFor('REAL_ESTATE');
    const names = [...h.subgraphs.keys()];
    const before = await Promise.all(names.map(commandsSent));
    const commands = await h.recordCommands(async () => {
      expect((await panoramaOf(ref)).errors).toBeUndefined();
    });
    const after = await Promise.all(names.map(commandsSent));
    const counted = Object.fromEntries(names.map((name, i) => [name, after[i] - before[i]]));
    const reported = Object.fromEntries(names.map((name) => [name, commands.get(name)?.length ?? 0]));
    expect(counted).toEqual(reported);
    expect(counted.realestate).toBeGreaterThan(0);
  });
});

describe('an agency that does not answer', () => {
  it('leaves a partial panorama: the others’ rows as they were, its categories unknown rather than zero, not complete, no coverage, and an error naming it', async () => {
    const ref = debtorFor('BANK_DEPOSIT');
    const before = (await panoramaOf(ref)).data?.caseParty as CaseParty;
    const victim = [...h.subgraphs.keys()].find((name) => name !== 'court' && name !== 'realestate') ?? 'realestate';
    await h.subgraphs.get(victim)?.stop();
    const response = await panoramaOf(ref);
    const party = response.data?.caseParty as CaseParty;
    expect(party).not.toBeNull();
    const silent = FINDINGS.filter((field) => party[field] === null);
    expect(silent).toHaveLength(1);
    const lost = before[silent[0] as string] as { agency: string; categories: CategoryFindings[] };
    expect(response.errors?.some((e) => e.extensions?.code === 'AGENCY_UNAVAILABLE' && e.message.includes(victim))).toBe(true);

    const panorama = party.panorama as Panorama;
    const was = before.panorama as Panorama;
    expect(panorama.complete).toBe(false);
    expect(panorama.missingAgencies).toEqual([lost.agency]);
    expect(panorama.coverage).toBeNull();
    // Every category still has its row, in the same order; the lost agency's are unknown, not zero.
    expect(panorama.categories.map((r) => r.category)).toEqual(was.categories.map((r) => r.category));
    const unknown = panorama.categories.filter((r) => !r.known);
    expect(unknown.map((r) => r.category).sort()).toEqual(lost.categories.map((c) => c.category).sort());
    expect(unknown.every((r) => r.agency === lost.agency && r.count === null && r.totalEstimatedValue === null)).toBe(true);
    expect(panorama.categories.filter((r) => r.known)).toEqual(was.categories.filter((r) => r.agency !== lost.agency));
    // The totals are of what is known: the complete figure less the lost agency's.
    expect(panorama.totalEstimatedValue).toBe(was.totalEstimatedValue - lost.categories.reduce((sum, c) => sum + c.totalEstimatedValue, 0));

    // Asked only for categories of agencies that answered, nothing is unknown.
    const others = was.categories
      .filter((r) => r.agency !== lost.agency)
      .map((r) => r.category)
      .slice(0, 3);
    const narrow = (await panoramaOf(ref, others)).data?.caseParty?.panorama as Panorama;
    expect([narrow.complete, narrow.missingAgencies, narrow.categories.every((r) => r.known)]).toEqual([true, [], true]);
  });
});
