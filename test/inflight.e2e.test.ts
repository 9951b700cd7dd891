import { generateProvince } from '../seed/province';
import type { CaseDocument } from '../subgraphs/court/model';
import { startHarness, type GraphQLResponse, type Harness } from './harness';
import { divisionHeadOf, officerOf, staffOf } from './identities';

const SEED = { seed: 23, cases: 60 };
const cases = generateProvince(SEED.seed, SEED.cases).court.cases as CaseDocument[];
const openCase = cases.find((c) => c.status === 'OPEN') as CaseDocument;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'inflight', seed: SEED });
});
afterAll(() => h?.stop());

const CASE = `query($caseNumber: String!) {
  enforcementCase(caseNumber: $caseNumber) { caseNumber status amountOwed respondents { partyId party { name } } }
}`;

describe('identical queries in flight at once', () => {
  it('reach the agency once per identity and each caller gets the whole answer', async () => {
    const officer = officerOf(openCase);
    let answers: GraphQLResponse<{ enforcementCase: { caseNumber: string } | null }>[] = [];
    const requests = await h.recordRequests(async () => {
      answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          h.query<{ enforcementCase: { caseNumber: string } | null }>(CASE, { caseNumber: openCase._id }, { as: officer }),
        ),
      );
    });
    expect(answers[0]?.errors).toBeUndefined();
    expect(answers[0]?.data?.enforcementCase).toMatchObject({ caseNumber: openCase._id });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // The twenty arrive within one subgraph round trip of each other on loopback; a few may still miss it.
    expect(requests.get('court')).toBeLessThan(10);
  });

  it('are not shared between different callers, whose rights differ', async () => {
    const officer = officerOf(openCase);
    const stranger = { ...officer, userId: 'another-officer', officerId: 'no-such-officer' };
    const head = divisionHeadOf(openCase.courtCode);
    const requests = await h.recordRequests(async () => {
      const [mine, theirs, heads] = await Promise.all(
        [officer, stranger, head].map((as) => h.query(CASE, { caseNumber: openCase._id }, { as })),
      );
      expect(mine?.errors).toBeUndefined();
      expect(theirs?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(heads?.errors).toBeUndefined();
    });
    expect(requests.get('court')).toBeGreaterThanOrEqual(3);
  });

  it('are never mutations: each identical mutation reaches the agency', async () => {
    const requests = await h.recordRequests(async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          h.query('mutation { acknowledgeRealEstateControl(id: "no-such-control") { id } }', {}, { as: staffOf('REALESTATE') }),
        ),
      );
      for (const answer of answers) expect(answer.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
    expect(requests.get('realestate')).toBe(10);
  });
});
