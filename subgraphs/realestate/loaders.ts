import type { Db } from 'mongodb';
import { entityLoader, groupLoader } from '../kit/loaders';
import { IN_FORCE } from './model';
import { RealEstateRepository } from './repository';

export function createRealEstateLoaders(db: Db) {
  const repository = new RealEstateRepository(db);
  return {
    repository,
    unitById: entityLoader(repository.units),
    controlById: entityLoader(repository.controls),
    unitsByOwner: groupLoader(repository.units, 'ownerIds', { sort: { _id: 1 } }),
    controlsInForceByUnit: groupLoader(repository.controls, 'assetId', {
      filter: { status: { $in: [...IN_FORCE] } },
      sort: { rank: 1 },
    }),
    controlsByCase: groupLoader(repository.controls, 'caseNumber', { sort: { requestedAt: 1, _id: 1 } }),
  };
}

export type RealEstateContext = ReturnType<typeof createRealEstateLoaders>;
