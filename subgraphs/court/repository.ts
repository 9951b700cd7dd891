import type { Db, Filter } from 'mongodb';
import type { IndexDeclaration } from '../kit/mongo';
import {
  COLLECTIONS,
  type CaseDocument,
  type CaseNode,
  type CaseStatus,
  type CaseType,
  type OfficerDocument,
  type PartyDocument,
} from './model';

export const courtIndexes: readonly IndexDeclaration[] = [
  // casesOfCourt: a court's cases, newest first, optionally narrowed by status/type/node
  { collection: COLLECTIONS.cases, key: { courtCode: 1, filedAt: -1, _id: -1 } },
  { collection: COLLECTIONS.cases, key: { courtCode: 1, status: 1, filedAt: -1 } },
  // Party.cases
  { collection: COLLECTIONS.cases, key: { respondentIds: 1 } },
  { collection: COLLECTIONS.cases, key: { applicantIds: 1 } },
  { collection: COLLECTIONS.officers, key: { courtCode: 1 } },
];

export interface CaseQuery {
  courtCode: string;
  status?: CaseStatus;
  type?: CaseType;
  node?: CaseNode;
  filedFrom?: Date;
  filedTo?: Date;
}

/** Position after the last case of a page: cases sort by filing time, then case number, both descending. */
export interface CaseCursor {
  filedAt: Date;
  caseNumber: string;
}

export class CourtRepository {
  constructor(private readonly db: Db) {}

  get cases() {
    return this.db.collection<CaseDocument>(COLLECTIONS.cases);
  }
  get parties() {
    return this.db.collection<PartyDocument>(COLLECTIONS.parties);
  }
  get officers() {
    return this.db.collection<OfficerDocument>(COLLECTIONS.officers);
  }

  /** One page plus whether another follows; the total ignores the cursor so a list can show "n of N". */
  async casePage(query: CaseQuery, first: number, after?: CaseCursor) {
    const filter = caseFilter(query);
    const paged: Filter<CaseDocument> = after
      ? { ...filter, $or: [{ filedAt: { $lt: after.filedAt } }, { filedAt: after.filedAt, _id: { $lt: after.caseNumber } }] }
      : filter;
    const [docs, totalCount] = await Promise.all([
      this.cases
        .find(paged)
        .sort({ filedAt: -1, _id: -1 })
        .limit(first + 1)
        .toArray(),
      this.cases.countDocuments(filter),
    ]);
    return { docs: docs.slice(0, first), hasNextPage: docs.length > first, totalCount };
  }
}

function caseFilter(query: CaseQuery): Filter<CaseDocument> {
  const filter: Filter<CaseDocument> = { courtCode: query.courtCode };
  if (query.status) filter.status = query.status;
  if (query.type) filter.type = query.type;
  if (query.node) filter.currentNode = query.node;
  if (query.filedFrom || query.filedTo) {
    filter.filedAt = {
      ...(query.filedFrom ? { $gte: query.filedFrom } : {}),
      ...(query.filedTo ? { $lte: query.filedTo } : {}),
    };
  }
  return filter;
}
