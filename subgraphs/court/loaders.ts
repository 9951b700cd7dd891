import type { KitScope } from '../kit/subgraph';
import type { Db } from 'mongodb';
import { accessLogger } from '../kit/audit/logger';
import { entityLoader, groupLoader } from '../kit/loaders';
import { CourtRepository } from './repository';

/** Per-request loaders: every entity batch the gateway sends costs one query per collection. */
export function createCourtLoaders(db: Db) {
  const repository = new CourtRepository(db);
  return {
    repository,
    caseByNumber: entityLoader(repository.cases),
    partyById: entityLoader(repository.parties),
    officerById: entityLoader(repository.officers),
    casesByRespondent: groupLoader(repository.cases, 'respondentIds', { sort: { filedAt: -1, _id: -1 } }),
    casesByApplicant: groupLoader(repository.cases, 'applicantIds', { sort: { filedAt: -1, _id: -1 } }),
    accessLog: accessLogger(db),
    db,
  };
}

/** The court's context: its loaders, and the request's clock and identity the kit adds. */
export type CourtContext = ReturnType<typeof createCourtLoaders> & KitScope;
