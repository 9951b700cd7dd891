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

/**
 * The case lookup a client sends before it acts through a case: the lookup's fields and the court's notice
 * for the caller (EnforcementCase.basis), which every register requires with a measure.
 */
export const CASE_NOTICE = CASE_LOOKUP.replace('query CaseLookup(', 'query CaseNotice(').replace(
  'caseNumber year ',
  'caseNumber basis year ',
);
if (!CASE_NOTICE.includes(' basis ')) throw new Error('the case lookup no longer selects caseNumber year: CASE_NOTICE needs updating');

type Seal = BenchInputs['seals'][number];

/** What one connection carries from the lookup of the seal's case to the seal (autocannon's per-connection context, reset each cycle). */
interface SealContext {
  seal?: number;
  basis?: string | null;
}

/** The notice in a CASE_NOTICE answer, or null (no notice given, or an error). */
export function noticeIn(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { data?: { enforcementCase?: { basis?: string | null } | null } };
    return parsed.data?.enforcementCase?.basis ?? null;
  } catch {
    return null;
  }
}

/*
 * Shared by every run in the process. The register takes one measure per case and unit, so each seal
 * names an open case, a respondent of it and a unit of theirs the case has not yet sealed
 * (inputs.ts), with its own idempotency key. The seeded province holds only so many: once they are all
 * sealed, the pool starts over and each seal is a retry of an earlier one, answered with the original.
 */
const seals = { n: 0 };

export function sealVariables(seal: Seal, index: number, basis: string) {
  return {
    input: {
      caseNumber: seal.caseNumber,
      partyId: seal.partyId,
      assetId: seal.assetId,
      measure: 'SEAL',
      documentNumber: `${seal.caseNumber}之${index + 1}`,
      idempotencyKey: `bench-seal-${process.pid}-${index}`,
      officer: { name: '王法官', phone: '13805711234' },
      basis,
    },
  };
}

/**
 * A seal as a client sends one: first the case lookup with the court's notice, as the same identity (the
 * division head of the case's court), then the measure carrying that notice. The two run in this order
 * on one connection; the notice is at most one request old, so it never expires during a run. A seal
 * whose lookup got no notice is sent without one and refused, which the run counts as a failure.
 */
function noticedSeal(headersFor: HeadersFor, pool: readonly Seal[], counter: { n: number }): autocannon.Request[] {
  const [first] = pool;
  const lookup: autocannon.Request = {
    ...fixed(headersFor(first.court), CASE_NOTICE, { caseNumber: first.caseNumber }),
    setupRequest(request, context) {
      const index = counter.n++ % pool.length;
      Object.assign(context ?? {}, { seal: index, basis: null } satisfies SealContext);
      return { ...request, ...fixed(headersFor(pool[index].court), CASE_NOTICE, { caseNumber: pool[index].caseNumber }) };
    },
    onResponse(_status, body, context) {
      Object.assign(context ?? {}, { basis: noticeIn(body) } satisfies SealContext);
    },
  };
  const seal: autocannon.Request = {
    ...fixed(headersFor(first.court), SEAL, sealVariables(first, 0, '')),
    setupRequest(request, context) {
      const { seal: index = 0, basis } = (context ?? {}) as SealContext;
      const unit = pool[index];
      return { ...request, ...fixed(headersFor(unit.court), SEAL, sealVariables(unit, index, basis ?? '')) };
    },
  };
  return [lookup, seal];
}

export function operations(inputs: BenchInputs, pacedRate: number): Operation[] {
  const panorama = (h: HeadersFor, counter: { n: number }) =>
    rotating(h, PANORAMA, inputs.debtors, (d) => ({ caseNumber: d.caseNumber, partyId: d.partyId }), counter);
  const lookup = (h: HeadersFor, counter: { n: number }) =>
    rotating(h, CASE_LOOKUP, inputs.caseNumbers, (c) => ({ caseNumber: c.caseNumber }), counter);
  // Each seal goes as the division head of its case's court, who gets the court's notice for every open case there.
  const seal = (h: HeadersFor) => noticedSeal(h, inputs.seals, seals);
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
        "per connection, cycles of 5 panoramas, 4 case lookups and 1 requestRealEstateControl (SEAL); the last lookup is of the seal's case and " +
        "takes the court's notice (EnforcementCase.basis) the seal carries. Each seal names an open case, a respondent and a real-estate unit of theirs " +
        `the case has not sealed, with a new idempotency key, over ${inputs.seals.length} such seeded units; past them, seals are retries answered with the original`,
      targets: ['gateway', 'peer'],
      judged: true,
      requests: (h) => {
        const p = { n: 0 };
        const l = { n: 0 };
        return [panorama(h, p), lookup(h, l), panorama(h, p), lookup(h, l), panorama(h, p), lookup(h, l), panorama(h, p), ...seal(h)];
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
