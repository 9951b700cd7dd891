import type { Db } from 'mongodb';
import { accessLogger } from '../audit/logger';
import type { IdentityScope } from '../../../platform/identity';
import type { ClockScope } from '../../../platform/clock';
import { entityLoader, groupLoader } from '../loaders';
import type { AssetDocument } from './model';
import { IN_QUEUE } from './queue';
import { RegisterRepository } from './repository';

/** Per-request loaders of a register: each kind of look-up is one query per batch, whatever the number of parties. */
export function createRegisterLoaders<TAsset extends AssetDocument>(db: Db) {
  const repository = new RegisterRepository<TAsset>(db);
  return {
    repository,
    assetById: entityLoader(repository.assets),
    assetsByOwner: groupLoader(repository.assets, 'ownerIds', { sort: { category: 1, _id: 1 } }),
    controlById: entityLoader(repository.controls),
    /** The queue of each asset, in receipt order: rank and ACTIVE/WAITING are read off it. */
    queueByAsset: groupLoader(repository.controls, 'assetId', { filter: { state: IN_QUEUE }, sort: { seq: 1 } }),
    controlsByCase: groupLoader(repository.controls, 'caseNumber', { sort: { requestedAt: 1, _id: 1 } }),
    investigationsByCase: groupLoader(repository.investigations, 'caseNumber', { sort: { requestedAt: 1, _id: 1 } }),
    accessLog: accessLogger(db),
  };
}

export type RegisterLoaders<TAsset extends AssetDocument = AssetDocument> = ReturnType<typeof createRegisterLoaders<TAsset>>;

/** The context of an asset subgraph: its register's loaders (agencies may add their own beside them), the request's clock and identity. */
export interface RegisterContext extends ClockScope, IdentityScope {
  register: RegisterLoaders;
}
