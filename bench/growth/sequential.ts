import type { HeadersFor } from '../operations';
import { CASE_NOTICE, noticeIn, sealVariables } from '../operations';
import type { BenchInputs } from '../inputs';
import { CASE_LOOKUP, CASE_PAGE, PANORAMA, SEAL } from '../queries';
import { encodeCursor } from '../../subgraphs/court/cursor';
import { spread } from '../stats';

export interface Request {
  headers: Record<string, string>;
  body: string;
}

/** One of the growth benchmark's operations: each request alone, the i-th input of a pool walked in turn. */
export interface SequentialOperation {
  key: 'panorama' | 'case-page-25' | 'case-page-50' | 'case-lookup' | 'seal';
  title: string;
  /** What its inputs are at this scale, for the report. */
  inputs: string;
  /** Also sent to the peer gateway (reads only: a seal cannot be placed twice). */
  peer: boolean;
  /** Builds the i-th request for a target's headers; untimed, so the seal's notice lookup is not charged to the seal. */
  prepare(i: number, headersFor: HeadersFor, url: string): Promise<Request>;
}

function post(headers: Record<string, string>, query: string, variables: Record<string, unknown>): Request {
  return { headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) };
}

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);

/**
 * Pages of `size` open cases of the court with the most, starting at evenly spread places in its list (the
 * first page among them): null when the court has fewer than `size` open cases.
 */
function pageWindows(inputs: BenchInputs, size: number, n: number): { court: string; after: string | null }[] | null {
  const { code, order } = inputs.busyCourt;
  if (order.length < size) return null;
  const starts = spread(
    Array.from({ length: order.length - size + 1 }, (_, i) => i),
    n,
  );
  return starts.map((start) => ({ court: code, after: start === 0 ? null : encodeCursor(order[start - 1]) }));
}

export function sequentialOperations(inputs: BenchInputs, samples: number): SequentialOperation[] {
  const debtors = spread(inputs.typicalDebtors, samples);
  const lookups = spread(inputs.caseNumbers, samples);
  const seals = inputs.seals;
  const at = <T>(list: readonly T[], i: number) => list[i % list.length];
  const page = (size: 25 | 50): SequentialOperation[] => {
    const windows = pageWindows(inputs, size, samples);
    if (!windows) return [];
    return [
      {
        key: `case-page-${size}`,
        title: `Page of ${size} open cases with respondents, their assets and controls`,
        inputs: `${windows.length} windows of ${size} of the ${inputs.busyCourt.cases} open cases of the busiest court (${inputs.busyCourt.code})`,
        peer: true,
        prepare: async (i, h) => {
          const w = at(windows, i);
          return post(h(w.court), CASE_PAGE, { court: w.court, after: w.after, first: size });
        },
      },
    ];
  };
  return [
    {
      key: 'panorama',
      title: 'Panorama of one debtor',
      inputs: `${debtors.length} respondents of open cases holding assets, spread over the case numbers (${mean(debtors.map((d) => d.assets)).toFixed(1)} assets, ${mean(debtors.map((d) => d.categories)).toFixed(1)} categories each on average)`,
      peer: true,
      prepare: async (i, h) => {
        const d = at(debtors, i);
        return post(h(d.court), PANORAMA, { caseNumber: d.caseNumber, partyId: d.partyId });
      },
    },
    ...page(25),
    ...page(50),
    {
      key: 'case-lookup',
      title: 'One case look-up',
      inputs: `${lookups.length} open cases spread over the province`,
      peer: true,
      prepare: async (i, h) => {
        const c = at(lookups, i);
        return post(h(c.court), CASE_LOOKUP, { caseNumber: c.caseNumber });
      },
    },
    {
      key: 'seal',
      title: 'One seal request (requestRealEstateControl, SEAL)',
      inputs: `a new seal each time: an open case, its respondent and their unit the case has not sealed (${seals.length} such), the court's notice fetched first (untimed)`,
      peer: false,
      prepare: async (i, h, url) => {
        if (i >= seals.length) throw new Error(`only ${seals.length} units to seal; ask for fewer samples`);
        const seal = seals[i];
        const notice = post(h(seal.court), CASE_NOTICE, { caseNumber: seal.caseNumber });
        const answer = await fetch(url, { method: 'POST', headers: notice.headers, body: notice.body });
        const basis = noticeIn(await answer.text());
        if (!basis) throw new Error(`no notice for ${seal.caseNumber}`);
        return post(h(seal.court), SEAL, sealVariables(seal, i, basis));
      },
    },
  ];
}
