import { MongoClient } from 'mongodb';
import { encodeCursor } from '../subgraphs/court/cursor';
import type { CaseCursor } from '../subgraphs/court/repository';
import { COLLECTIONS as COURT, type CaseDocument } from '../subgraphs/court/model';
import { REGISTER_COLLECTIONS, type AssetDocument, type ControlDocument } from '../subgraphs/kit/register/model';
import { SUBGRAPHS } from '../subgraphs/registry';
import { spread } from './stats';

/**
 * What the operations ask about, chosen from the seeded province as officers would choose it. Each is
 * a pool larger than the number of connections, walked in turn, so that requests in flight at the same
 * moment differ: the Hive gateway merges identical in-flight subgraph queries by default, and a single
 * input would measure that merging rather than the gateway (see the same-case operation).
 * Every input names its court: a request is sent as that court's division head, who has a legal basis
 * for every open case of the court (subgraphs/court/access.ts), so no request is refused for access.
 */
export interface BenchInputs {
  /** Respondents of open cases holding assets in the most categories, most first. */
  debtors: Debtor[];
  /**
   * Respondents of open cases holding any asset, evenly spread over the case numbers: debtors as they
   * come, whose holdings are alike in a small and a large province (the richest grow with the province).
   */
  typicalDebtors: Debtor[];
  /** Windows of exactly 50 open cases of the courts with 50 or more, as `casesOfCourt(filter: OPEN, first: 50, after:)` pages them; in a province too small for that, first pages. */
  casePages: { court: string; after: string | null }[];
  /** False when no court has 50 open cases and the pages are the busiest courts' first (shorter) pages. */
  fullPages: boolean;
  /** Open cases spread over the whole province. */
  caseNumbers: { caseNumber: string; court: string }[];
  /** The court with the most open cases, and those cases in its page order (the cursor of each). */
  busyCourt: { code: string; cases: number; order: CaseCursor[] };
  /**
   * For the seal requests: an open case, one of its respondents and a real-estate unit registered as theirs
   * that the case has no measure on yet. The court gives its notice only for an open case, and the register
   * seals only a respondent's own unit, once per case (a second measure of the case is ALREADY_CONTROLLED).
   */
  seals: { caseNumber: string; court: string; partyId: string; assetId: string }[];
}

type Debtor = { caseNumber: string; court: string; partyId: string; categories: number; assets: number };

const POOL = 200;
const SEALS = 500;
const PAGE = 50;

type CaseRow = Pick<CaseDocument, '_id' | 'courtCode' | 'status' | 'respondentIds' | 'filedAt'>;

async function readHoldings(client: MongoClient, databaseName: (subgraph: string) => string) {
  const holdings = new Map<string, { categories: Set<string>; assets: number }>();
  const realEstate: AssetDocument[] = [];
  let claimed = new Set<string>();
  for (const subgraph of SUBGRAPHS) {
    if (subgraph.name === 'court') continue;
    const assets = await client
      .db(databaseName(subgraph.name))
      .collection<AssetDocument>(REGISTER_COLLECTIONS.assets)
      .find({}, { projection: { ownerIds: 1, category: 1, estimatedValue: 1 } })
      .toArray();
    for (const asset of assets) {
      for (const owner of asset.ownerIds) {
        const held = holdings.get(owner) ?? { categories: new Set<string>(), assets: 0 };
        held.categories.add(asset.category);
        held.assets += 1;
        holdings.set(owner, held);
      }
      if (asset.category === 'REAL_ESTATE' && (asset.estimatedValue ?? 0) > 0) realEstate.push(asset);
    }
    if (subgraph.name === 'realestate') {
      const controls = await client
        .db(databaseName(subgraph.name))
        .collection<Pick<ControlDocument, 'assetId' | 'claim'>>(REGISTER_COLLECTIONS.controls)
        .find({}, { projection: { assetId: 1, claim: 1 } })
        .toArray();
      // A measure in force or waiting holds its case's claim on the unit (a lifted one's claim is closed:…).
      claimed = new Set(controls.map((control) => `${control.claim}|${control.assetId}`));
    }
  }
  return { holdings, realEstate, claimed };
}

/** In the court's page order: filing time, then case number, both descending (code-unit order is MongoDB's for these strings). */
function byCourtInPageOrder(cases: readonly CaseRow[]): Map<string, CaseRow[]> {
  const byCourt = new Map<string, CaseRow[]>();
  for (const c of cases) {
    const list = byCourt.get(c.courtCode) ?? [];
    list.push(c);
    byCourt.set(c.courtCode, list);
  }
  for (const list of byCourt.values())
    list.sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime() || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0));
  return byCourt;
}

function casePages(byCourt: ReadonlyMap<string, CaseRow[]>): BenchInputs['casePages'] {
  const pages: BenchInputs['casePages'] = [];
  for (const [court, list] of byCourt) {
    for (let start = 0; start + PAGE <= list.length; start++) {
      const previous = list[start - 1];
      pages.push({ court, after: previous ? encodeCursor({ filedAt: previous.filedAt, caseNumber: previous._id }) : null });
    }
  }
  return pages;
}

export async function pickInputs(mongoUri: string, databaseName: (subgraph: string) => string): Promise<BenchInputs> {
  const client = new MongoClient(mongoUri);
  try {
    const cases = (await client
      .db(databaseName('court'))
      .collection<CaseDocument>(COURT.cases)
      .find({}, { projection: { courtCode: 1, status: 1, respondentIds: 1, filedAt: 1 } })
      .toArray()) as CaseRow[];
    const { holdings, realEstate, claimed } = await readHoldings(client, databaseName);

    const holders: Debtor[] = cases
      .filter((c) => c.status === 'OPEN')
      .flatMap((c) => c.respondentIds.map((partyId) => ({ caseNumber: c._id, court: c.courtCode, partyId, held: holdings.get(partyId) })))
      .filter((d) => d.held !== undefined)
      .map(({ held, ...debtor }) => ({ ...debtor, categories: held?.categories.size ?? 0, assets: held?.assets ?? 0 }));
    const debtors = [...holders]
      .sort((a, b) => b.categories - a.categories || b.assets - a.assets || (a.partyId < b.partyId ? -1 : 1))
      .slice(0, POOL);
    const byCase = [...holders].sort((a, b) => (a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : 0));
    const typicalDebtors = spread(byCase, POOL);
    if (debtors.length === 0) throw new Error('the seeded province has no respondent of an open case holding any asset');

    const open = cases.filter((c) => c.status === 'OPEN');
    const openPerCourt = new Map<string, number>();
    for (const c of open) openPerCourt.set(c.courtCode, (openPerCourt.get(c.courtCode) ?? 0) + 1);
    const busiest = [...openPerCourt].sort((a, b) => b[1] - a[1]);
    const [code, count] = busiest[0];
    // A small province has no court with a full page; its busiest courts' first pages stand in.
    const openByCourt = byCourtInPageOrder(open);
    const full = casePages(openByCourt);
    const pages = full.length > 0 ? full : busiest.slice(0, POOL).map(([court]) => ({ court, after: null }));

    // Open cases only: the parties of a closed case are nobody's business any more (no legal basis).
    const sorted = [...open].sort((a, b) => (a._id < b._id ? -1 : 1));
    const step = Math.max(1, Math.floor(sorted.length / POOL));
    const caseNumbers = sorted
      .filter((_, i) => i % step === 0)
      .slice(0, POOL)
      .map((c) => ({ caseNumber: c._id, court: c.courtCode }));

    const unitsOf = new Map<string, AssetDocument[]>();
    for (const unit of [...realEstate].sort((a, b) => (a._id < b._id ? -1 : 1))) {
      for (const owner of unit.ownerIds) unitsOf.set(owner, [...(unitsOf.get(owner) ?? []), unit]);
    }
    const seals: BenchInputs['seals'] = [];
    for (const c of sorted) {
      for (const partyId of c.respondentIds) {
        for (const unit of unitsOf.get(partyId) ?? []) {
          const claim = `${c._id}|${unit._id}`;
          // One seal per case and unit: not one the case already has, nor twice a unit two respondents hold together.
          if (claimed.has(claim) || seals.length >= SEALS) continue;
          claimed.add(claim);
          seals.push({ caseNumber: c._id, court: c.courtCode, partyId, assetId: unit._id });
        }
      }
    }
    if (seals.length === 0) throw new Error('the seeded province has no real-estate unit of a respondent of an open case left to seal');

    return {
      debtors,
      typicalDebtors,
      casePages: pages,
      fullPages: full.length > 0,
      caseNumbers,
      busyCourt: { code, cases: count, order: (openByCourt.get(code) ?? []).map((c) => ({ filedAt: c.filedAt, caseNumber: c._id })) },
      seals,
    };
  } finally {
    await client.close();
  }
}
