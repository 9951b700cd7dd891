import { generateProvince } from '../seed/province';
import type { CaseDocument } from '../subgraphs/court/model';
import type { ControlDocument } from '../subgraphs/kit/register/model';
import type { UnitDocument } from '../subgraphs/realestate/model';
import { POINT_READS } from '../subgraphs/kit/loaders';
import { findBatches, startHarness, writeCommands, type Harness } from './harness';
import { isLoopback, recordOutgoingSockets } from './sockets';
import { divisionHeadOf, officerOf } from './identities';

const SEED = { seed: 11, cases: 300 };
const expected = generateProvince(SEED.seed, SEED.cases);
const cases = expected.court.cases as CaseDocument[];
const units = (expected.realestate.assets as UnitDocument[]).filter((asset) => asset.category === 'REAL_ESTATE');
const controls = expected.realestate.controls as ControlDocument[];

const sockets = recordOutgoingSockets();
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'foundation', seed: SEED });
});
afterAll(async () => {
  await h?.stop();
  sockets.stop();
});

const CASE_WITH_ASSETS = `query CaseWithAssets($caseNumber: String!) {
  enforcementCase(caseNumber: $caseNumber) {
    caseNumber type status currentNode amountOwed filedOn
    court { code name level }
    officer { id name }
    timeline { node enteredAt }
    applicants { partyId role party { id name kind } }
    respondents {
      partyId role
      party { id name kind }
      realEstate { id category certificateNumber parcelCode ownerIds estimatedValue register { agency updatedAt } controls { caseNumber status rank } }
    }
    realEstateControls { id assetId status rank measure expiresAt }
  }
}`;

interface CaseWithAssets {
  enforcementCase: {
    caseNumber: string;
    court: { code: string };
    amountOwed: number;
    respondents: {
      partyId: string;
      role: string;
      party: { name: string };
      realEstate: { id: string; controls: { caseNumber: string; status: string; rank: number }[] }[];
    }[];
    realEstateControls: { id: string; assetId: string; status: string; rank: number }[];
  } | null;
}

describe('one request across the court and the real-estate registry', () => {
  // An open case, read by its own officer: the legal basis for seeing its parties.
  const isOpen = (caseNumber: string) => cases.find((c) => c._id === caseNumber)?.status === 'OPEN';
  const sealed =
    controls.find((control) => control.status === 'WAITING' && isOpen(control.caseNumber)) ??
    controls.find((control) => isOpen(control.caseNumber)) ??
    controls[0];
  const theCase = cases.find((c) => c._id === sealed.caseNumber) as CaseDocument;
  const officer = officerOf(theCase);

  it('returns a case with its parties, the debtors’ units and the case’s seals', async () => {
    const response = await h.query<CaseWithAssets>(CASE_WITH_ASSETS, { caseNumber: theCase._id }, { as: officer });
    expect(response.errors).toBeUndefined();
    const got = response.data?.enforcementCase;
    expect(got?.caseNumber).toBe(theCase._id);
    expect(got?.amountOwed).toBe(theCase.amountOwed);
    expect(got?.court.code).toBe(theCase.courtCode);
    expect(got?.respondents.map((r) => r.partyId).sort()).toEqual([...theCase.respondentIds].sort());
    for (const respondent of got?.respondents ?? []) {
      const owned = units
        .filter((unit) => unit.ownerIds.includes(respondent.partyId))
        .map((unit) => unit._id)
        .sort();
      expect(respondent.realEstate.map((unit) => unit.id).sort()).toEqual(owned);
    }
    const caseControls = controls.filter((control) => control.caseNumber === theCase._id);
    expect(got?.realEstateControls.map((c) => [c.id, c.status, c.rank]).sort()).toEqual(
      caseControls.map((c) => [c._id, c.status, c.rank]).sort(),
    );
    const unit = got?.respondents.flatMap((r) => r.realEstate).find((u) => u.id === sealed.assetId);
    expect(unit?.controls.map((c) => c.rank)).toEqual(unit?.controls.map((_, i) => i)); // active first, then waiting in rank order
  });

  it('accepts the case number typed with ASCII parentheses', async () => {
    const typed = theCase._id.replace('（', '(').replace('）', ')');
    const response = await h.query<CaseWithAssets>(CASE_WITH_ASSETS, { caseNumber: typed }, { as: officer });
    expect(response.data?.enforcementCase?.caseNumber).toBe(theCase._id);
  });

  it('answers null, not an error, for a well-formed case number that does not exist', async () => {
    const response = await h.query<CaseWithAssets>(CASE_WITH_ASSETS, { caseNumber: '（2024）浙0102执999999号' });
    expect(response.errors).toBeUndefined();
    expect(response.data?.enforcementCase).toBeNull();
  });
});

describe('cases of a court', () => {
  const busiest = Object.entries(
    cases.reduce<Record<string, number>>((counts, c) => ({ ...counts, [c.courtCode]: (counts[c.courtCode] ?? 0) + 1 }), {}),
  ).sort((a, b) => b[1] - a[1])[0][0];
  const head = divisionHeadOf(busiest);
  const PAGE = `query Page($court: String!, $first: Int, $after: String, $filter: CaseFilter) {
    casesOfCourt(courtCode: $court, first: $first, after: $after, filter: $filter) {
      totalCount pageInfo { hasNextPage endCursor } nodes { caseNumber status filedOn }
    }
  }`;
  type Page = {
    casesOfCourt: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: { caseNumber: string; status: string }[];
    };
  };

  it('pages through every case of the court once, newest filing first', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const response: Awaited<ReturnType<typeof h.query<Page>>> = await h.query<Page>(
        PAGE,
        { court: busiest, first: 3, after },
        { as: head },
      );
      expect(response.errors).toBeUndefined();
      const page = response.data?.casesOfCourt;
      seen.push(...(page?.nodes.map((n) => n.caseNumber) ?? []));
      if (!page?.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const want = cases
      .filter((c) => c.courtCode === busiest)
      .sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime() || (a._id < b._id ? 1 : -1))
      .map((c) => c._id);
    expect(seen).toEqual(want);
  });

  it('filters by status and counts the whole match', async () => {
    const response = await h.query<Page>(PAGE, { court: busiest, first: 100, filter: { status: 'OPEN' } }, { as: head });
    const want = cases.filter((c) => c.courtCode === busiest && c.status === 'OPEN');
    expect(response.data?.casesOfCourt.totalCount).toBe(want.length);
    expect(response.data?.casesOfCourt.nodes.every((n) => n.status === 'OPEN')).toBe(true);
  });

  it('loads respondents and their units with a fixed number of database commands, however many cases', async () => {
    const LIST = `query List($court: String!, $first: Int) {
      casesOfCourt(courtCode: $court, first: $first, filter: { status: OPEN }) {
        nodes { caseNumber officer { name } respondents { party { name } realEstate { id controls { id rank } } } realEstateControls { id } }
      }
    }`;
    const finds = async (first: number) => {
      const commands = await h.recordCommands(() => h.query(LIST, { court: busiest, first }, { as: head }));
      const count = (subgraph: string) => findBatches(commands.get(subgraph) ?? [], h.databaseName(subgraph)).length;
      return { court: count('court'), realestate: count('realestate') };
    };
    // court: the page, officers, parties; realestate: units by owner, controls by unit, controls by case.
    // A small page may read a few officers or parties by _id one by one instead (POINT_READS each, see
    // kit/loaders.ts), never more than that: the count does not grow with the page.
    const bound = { court: 3, realestate: 3 };
    for (const first of [1, 5, 20]) {
      const counts = await finds(first);
      expect(counts.court).toBeLessThanOrEqual(1 + 2 * POINT_READS);
      expect(counts.realestate).toBeLessThanOrEqual(bound.realestate);
    }
    expect(await finds(50)).toEqual(bound);
  });
});

describe('a party', () => {
  const names = (c: CaseDocument, id: string) => c.respondentIds.includes(id) || c.applicantIds.includes(id);
  const repeat = cases
    .flatMap((c) => c.respondentIds)
    .find((id, i, all) => all.indexOf(id) !== i && cases.some((c) => c.status === 'OPEN' && names(c, id))) as string;
  const openCase = cases.find((c) => c.status === 'OPEN' && names(c, repeat)) as CaseDocument;

  it('lists the cases a party stands in that the caller has a legal basis for, with its role', async () => {
    const response = await h.query<{ party: { name: string; cases: { caseNumber: string; role: string }[] } }>(
      `query($id: ID!) { party(id: $id) { name cases { caseNumber role } } }`,
      { id: repeat },
      { as: divisionHeadOf(openCase.courtCode) },
    );
    const want = cases
      .filter((c) => names(c, repeat) && c.status === 'OPEN' && c.courtCode === openCase.courtCode)
      .map((c) => c._id)
      .sort();
    expect(response.data?.party.cases.map((c) => c.caseNumber).sort()).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
    expect(cases.filter((c) => names(c, repeat)).length).toBeGreaterThan(1);
  });

  it('refuses a party to an officer none of whose open cases names them', async () => {
    const other = { ...officerOf(openCase), officerId: 'no-such-officer' };
    const response = await h.query(`query($id: ID!) { party(id: $id) { name } }`, { id: repeat }, { as: other });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a person who is party to no case in the very words it refuses a party of other cases: existence is not told', async () => {
    const other = { ...officerOf(openCase), officerId: 'no-such-officer' };
    const ask = async (id: string) => (await h.query(`query($id: ID!) { party(id: $id) { name } }`, { id }, { as: other })).errors?.[0];
    const [somebody, nobody] = [await ask(repeat), await ask('11010519491231002X')];
    expect(nobody?.extensions?.code).toBe('FORBIDDEN');
    expect(nobody?.message.replace('11010519491231002X', '<id>')).toBe(somebody?.message.replace(repeat, '<id>'));
  });
});

describe('bad input', () => {
  const refusals: [string, string, Record<string, unknown>, string][] = [
    [
      'a malformed case number',
      'query($n: String!) { enforcementCase(caseNumber: $n) { caseNumber } }',
      { n: '2024-浙0102-执-1234' },
      'caseNumber',
    ],
    [
      'an unknown court in a case number',
      'query($n: String!) { enforcementCase(caseNumber: $n) { caseNumber } }',
      { n: '（2024）浙9999执12号' },
      'caseNumber',
    ],
    ['a citizen ID with a wrong check digit', 'query($id: ID!) { party(id: $id) { name } }', { id: '330102199001011230' }, 'id'],
    ['an unknown court code', 'query { casesOfCourt(courtCode: "浙99") { totalCount } }', {}, 'courtCode'],
    ['a page size over 100', 'query { casesOfCourt(courtCode: "浙0102", first: 500) { totalCount } }', {}, 'first'],
    ['a forged cursor', 'query { casesOfCourt(courtCode: "浙0102", after: "bm90LWEtY3Vyc29y") { totalCount } }', {}, 'after'],
    [
      'an inverted date range',
      'query { casesOfCourt(courtCode: "浙0102", filter: { filedFrom: "2025-01-01", filedTo: "2024-01-01" }) { totalCount } }',
      {},
      'filter.filedTo',
    ],
  ];

  it.each(refusals)('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_label, query, variables, field) => {
    let response: Awaited<ReturnType<typeof h.query>> = {};
    const commands = await h.recordCommands(async () => {
      response = await h.query(query, variables);
    });
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.extensions?.field).toBe(field);
    expect(response.errors?.[0]?.message).toContain(field);
    expect(writeCommands(commands.values())).toEqual([]);
  });
});

describe('network', () => {
  it('disables Apollo telemetry and opens sockets to loopback only', async () => {
    expect(process.env.APOLLO_TELEMETRY_DISABLED).toBe('true');
    expect(sockets.addresses.length).toBeGreaterThan(0);
    expect(sockets.addresses.filter((address) => !isLoopback(address))).toEqual([]);
  });
});
