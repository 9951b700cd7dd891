import type autocannon from 'autocannon';
import type { BenchInputs } from './inputs';
import { CASE_LOOKUP, CASE_PAGE, FINDINGS, PANORAMA, SEAL } from './queries';

export type Target = 'gateway' | 'peer' | 'floor';

/** The headers a target needs for a request about one court's case (see auth.ts). */
export type HeadersFor = (court: string) => Record<string, string>;

export interface Operation {
  key: string;
  title: string;
  /** What one request asks, for the report. */
  description: string;
  /** Targets it is measured on; the floor (straight to the court subgraph) only where one subgraph answers. */
  targets: readonly Target[];
  /** Calls every subgraph, so it runs at `fanoutConnections`. */
  fanout: boolean;
  /** Whether the targets judge its throughput; the same-case lookup shows request merging, the paced one latency. */
  judged: boolean;
  /** Measured only when asked for (--with-merging or --only). */
  optional?: boolean;
  /** Offered load in requests/s, arriving evenly (paced.ts, open loop); unset, each connection sends as fast as it is answered (autocannon). */
  rate?: number;
  /** The sequence each connection cycles through, with the target's headers for each input's court; each call starts fresh counters. */
  requests(headersFor: HeadersFor): autocannon.Request[];
}

function body(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables });
}

function fixed(headers: Record<string, string>, query: string, variables: Record<string, unknown>): autocannon.Request {
  return { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: body(query, variables) };
}

/** Walks a pool of inputs, one per request across every connection, so that concurrent requests differ. */
function rotating<T extends { court: string }>(
  headersFor: HeadersFor,
  query: string,
  pool: readonly T[],
  variables: (item: T, n: number) => Record<string, unknown>,
  counter: { n: number },
): autocannon.Request {
  return {
    ...fixed(headersFor(pool[0].court), query, variables(pool[0], 0)),
    setupRequest(request) {
      const n = counter.n++;
      const item = pool[n % pool.length];
      return { ...request, ...fixed(headersFor(item.court), query, variables(item, n)) };
    },
  };
}

/*
 * Shared by every run in the process: the register refuses a second measure by one case on one unit,
 * so each seal names a case number and an idempotency key never used before in this (fresh) database.
 */
const seals = { n: 0 };
const FIRST_SEAL_SEQUENCE = 900_000;

function sealVariables(inputs: BenchInputs) {
  return (unit: { assetId: string; partyId: string }, n: number) => {
    const caseNumber = `（2026）${inputs.busyCourt.code}执${FIRST_SEAL_SEQUENCE + n}号`;
    return {
      input: {
        caseNumber,
        partyId: unit.partyId,
        assetId: unit.assetId,
        measure: 'SEAL',
        documentNumber: `${caseNumber}之一`,
        idempotencyKey: `bench-seal-${process.pid}-${n}`,
        officer: { name: '王法官', phone: '13805711234' },
        debtPlusCosts: 500_000_00,
      },
    };
  };
}

export function operations(inputs: BenchInputs, pacedRate: number): Operation[] {
  const panorama = (h: HeadersFor, counter: { n: number }) => rotating(h, PANORAMA, inputs.debtors, (d) => ({ caseNumber: d.caseNumber, partyId: d.partyId }), counter);
  const lookup = (h: HeadersFor, counter: { n: number }) => rotating(h, CASE_LOOKUP, inputs.caseNumbers, (c) => ({ caseNumber: c.caseNumber }), counter);
  // The seals' case numbers are of the busiest court, so its division head asks for them.
  const units = inputs.sealUnits.map((unit) => ({ ...unit, court: inputs.busyCourt.code }));
  const seal = (h: HeadersFor) => rotating(h, SEAL, units, sealVariables(inputs), seals);
  const debtors = inputs.debtors;
  const [top] = debtors;
  const [same] = inputs.caseNumbers;
  return [
    {
      key: 'panorama',
      fanout: true,
      title: 'Party panorama',
      description:
        `caseParty with all ${FINDINGS.length} agencies' findings (assets listed) and the panorama (@requires every agency's totals), ` +
        `for ${debtors.length} debtors of open cases holding ${debtors[debtors.length - 1].categories}–${top.categories} categories of assets (the richest holds ${top.assets} assets)`,
      targets: ['gateway', 'peer'],
      judged: true,
      requests: (h) => [panorama(h, { n: 0 })],
    },
    {
      key: 'case-page',
      fanout: true,
      title: 'Page of 50 cases with respondents and their controls',
      description:
        (inputs.fullPages
          ? `casesOfCourt(filter: OPEN, first: 50, after:) over ${inputs.casePages.length} windows of 50 open cases of the courts with 50 or more (the busiest, ${inputs.busyCourt.code}, has ${inputs.busyCourt.cases}); `
          : `casesOfCourt(filter: OPEN, first: 50): no court of this province has 50 open cases, so the first pages of its ${inputs.casePages.length} busiest courts (the busiest, ${inputs.busyCourt.code}, has ${inputs.busyCourt.cases}); `) +
        `each respondent's findings from every agency with each asset's controls`,
      targets: ['gateway', 'peer'],
      judged: true,
      requests: (h) => [rotating(h, CASE_PAGE, inputs.casePages, (p) => ({ court: p.court, after: p.after }), { n: 0 })],
    },
    {
      key: 'case-lookup',
      fanout: false,
      title: 'Single-subgraph case lookup',
      description: `enforcementCase with court, officer, parties and timeline (court subgraph only), over ${inputs.caseNumbers.length} open cases`,
      targets: ['gateway', 'peer', 'floor'],
      judged: true,
      requests: (h) => [lookup(h, { n: 0 })],
    },
    {
      // Closed-loop load saturates this 2-core machine, so p95 is mostly the queue for its cores; paced
      // below saturation, p95 is the latency a request meets, and its difference the gateway's own.
      key: 'case-lookup-paced',
      fanout: false,
      title: `Single-subgraph case lookup, paced at ${pacedRate} req/s`,
      description: `the case lookup over the same ${inputs.caseNumbers.length} open cases, arriving evenly at ${pacedRate} requests/s over up to the same number of connections (below every target's capacity), so that latency is not queueing for the machine's cores`,
      targets: ['gateway', 'peer', 'floor'],
      judged: false,
      rate: pacedRate,
      requests: (h) => [lookup(h, { n: 0 })],
    },
    {
      key: 'mixed',
      fanout: true,
      title: 'Mixed read/write (90 % reads, 10 % seal requests)',
      description:
        'per connection, cycles of 5 panoramas, 4 case lookups and 1 requestRealEstateControl (SEAL) with a new case number and idempotency key each time, ' +
        `over ${inputs.sealUnits.length} seeded real-estate units`,
      targets: ['gateway', 'peer'],
      judged: true,
      requests: (h) => {
        const p = { n: 0 };
        const l = { n: 0 };
        return [panorama(h, p), lookup(h, l), panorama(h, p), lookup(h, l), panorama(h, p), lookup(h, l), panorama(h, p), lookup(h, l), panorama(h, p), seal(h)];
      },
    },
    {
      key: 'case-lookup-same',
      fanout: false,
      title: 'Case lookup, every request for the same case (request merging)',
      description: `the single-subgraph lookup with one case number (${same.caseNumber}) for every request: shows both gateways' merging of identical in-flight subgraph queries (ours per caller's identity)`,
      targets: ['gateway', 'peer'],
      judged: false,
      optional: true,
      requests: (h) => [fixed({ ...h(same.court) }, CASE_LOOKUP, { caseNumber: same.caseNumber })],
    },
  ];
}
