import { generateProvince } from '../seed/province';
import type { CaseDocument } from '../subgraphs/court/model';
import type { GraphQLResponse, Harness } from './harness';
import { actorFor, officerOf, policeOf, TEST_OFFICER } from './identities';

/** What the referral tests share: the seeded cases, a movable clock, and the referral mutations. */
export const SEED = { seed: 3, cases: 200 };
export const cases = generateProvince(SEED.seed, SEED.cases).court.cases as CaseDocument[];
export const openCases = cases.filter((c) => c.status === 'OPEN');
export const closedCase = cases.find((c) => c.status !== 'OPEN') as CaseDocument;

export const DAY = 86_400_000;
export const T0 = new Date('2026-03-02T02:00:00.000Z');

/** A clock the test moves; the harness gives it to every subgraph, whose requests each read it once. */
export function movableClock() {
  let now = T0;
  return {
    clock: () => now,
    at(instant: Date | number) {
      now = new Date(instant);
    },
    /** Days (fractions allowed) after T0. */
    day(days: number) {
      now = new Date(T0.getTime() + days * DAY);
    },
  };
}

export const REFERRAL = `id state complex policeStation facts
  referredAt receiptAt decision decidedAt policeCaseNumber refusalReason reportedToCourtAt supervisedAt supervisionNote
  evidence { title description documentNumber }
  deadlines { kind dueAt status metAt }
  privateProsecutionAvailable
  enforcementCase { caseNumber }
  suspect { caseNumber partyId role party { id } }`;

export type ReferralStateName = 'REFERRED' | 'RECEIPTED' | 'FILED' | 'REFUSED' | 'SUPERVISED';

export interface Referral {
  id: string;
  state: string;
  policeStation: string;
  receiptAt: string | null;
  decision: string | null;
  decidedAt: string | null;
  policeCaseNumber: string | null;
  refusalReason: string | null;
  reportedToCourtAt: string | null;
  supervisedAt: string | null;
  supervisionNote: string | null;
  deadlines: { kind: string; dueAt: string; status: string; metAt: string | null }[];
  privateProsecutionAvailable: boolean;
  enforcementCase: { caseNumber: string };
  suspect: { caseNumber: string; partyId: string; role: string; party: { id: string } };
}

let keys = 0;
/** A valid referral of the case's first respondent; fields can be replaced to make it invalid. */
export function referralInput(theCase: CaseDocument, overrides: Record<string, unknown> = {}) {
  keys += 1;
  return {
    caseNumber: theCase._id,
    suspectId: theCase.respondentIds[0],
    policeStation: '杭州市公安局上城区分局',
    facts: '被执行人收到执行通知后转移名下车辆，拒不报告财产。',
    evidence: [{ title: '车辆转让合同', description: '执行立案后以明显低价转让车辆', documentNumber: '（2026）浙0102执1234号之三' }],
    complex: false,
    idempotencyKey: `referral-test-${Date.now()}-${keys}`,
    ...overrides,
  };
}

export function referralApi(h: Harness) {
  // The court's side acts as the case's own officer, the one with a legal basis to see its suspect.
  const officerFor = (caseNumber: unknown) => {
    const theCase = typeof caseNumber === 'string' ? cases.find((c) => caseNumber.startsWith(c._id)) : undefined;
    return theCase ? officerOf(theCase) : TEST_OFFICER;
  };
  // The police act as the station each referral was sent to, as the court's referral named it.
  const stations = new Map<string, string>();
  const one = async (mutation: string, variables: Record<string, unknown>): Promise<GraphQLResponse<Record<string, Referral>>> => {
    const input = variables.input as { caseNumber?: unknown } | undefined;
    const actor = actorFor(mutation, undefined, officerFor(input?.caseNumber ?? variables.id));
    const station = typeof variables.id === 'string' ? stations.get(variables.id) : undefined;
    const response = await h.query<Record<string, Referral>>(mutation, variables, {
      as: actor.agency === 'POLICE' && station ? policeOf(station) : actor,
    });
    if (response.data?.r) stations.set(response.data.r.id, response.data.r.policeStation);
    return response;
  };
  return {
    refer: (input: Record<string, unknown>) =>
      one(`mutation($input: RefusalReferralInput!) { r: referRefusalToExecute(input: $input) { ${REFERRAL} } }`, { input }),
    receipt: (id: string) => one(`mutation($id: ID!) { r: receiptRefusalReferral(id: $id) { ${REFERRAL} } }`, { id }),
    decide: (id: string, decision: 'FILED' | 'REFUSED', extra: { reason?: string; policeCaseNumber?: string } = {}) =>
      one(
        `mutation($id: ID!, $d: PoliceDecision!, $reason: String, $pcn: String) {
        r: decideRefusalReferral(id: $id, decision: $d, reason: $reason, policeCaseNumber: $pcn) { ${REFERRAL} } }`,
        { id, d: decision, reason: extra.reason, pcn: extra.policeCaseNumber },
      ),
    supervise: (id: string, note: string) =>
      one(`mutation($id: ID!, $note: String!) { r: superviseRefusalReferral(id: $id, note: $note) { ${REFERRAL} } }`, { id, note }),
    /** A new referral of the case, moved on to `state` at the clock's current time. */
    async inState(theCase: CaseDocument, state: ReferralStateName): Promise<Referral> {
      let r = answered(await this.refer(referralInput(theCase)));
      if (state === 'REFERRED') return r;
      r = answered(await this.receipt(r.id));
      if (state === 'FILED') return answered(await this.decide(r.id, 'FILED', { policeCaseNumber: 'A3301020000002026030001' }));
      if (state === 'REFUSED' || state === 'SUPERVISED') r = answered(await this.decide(r.id, 'REFUSED', { reason: '证据不足' }));
      if (state === 'SUPERVISED') r = answered(await this.supervise(r.id, '检察院要求说明不立案理由'));
      return r;
    },
    get: async (id: string) =>
      (
        await h.query<{ refusalReferral: Referral | null }>(
          `query($id: ID!) { refusalReferral(id: $id) { ${REFERRAL} } }`,
          { id },
          { as: officerFor(id) },
        )
      ).data?.refusalReferral ?? null,
  };
}

/** The referral a mutation answered, failing the test with the errors when there is none. */
export function answered(response: GraphQLResponse<Record<string, Referral>>): Referral {
  if (response.errors || !response.data?.r) throw new Error(`expected a referral, got ${JSON.stringify(response.errors)}`);
  return response.data.r;
}
