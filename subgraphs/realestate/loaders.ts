import type { Db } from 'mongodb';
import type { IndexDeclaration } from '../kit/mongo';
import { createRegisterLoaders, type RegisterContext } from '../kit/register/loaders';
import { REAL_ESTATE_COLLECTIONS, type TitleTransferDocument } from './model';

export const realEstateIndexes: readonly IndexDeclaration[] = [
  // A retried transfer is found by its key; the unique index also stops one key from naming two transfers.
  { collection: REAL_ESTATE_COLLECTIONS.titleTransfers, key: { idempotencyKey: 1 }, options: { unique: true } },
  // One request per case and unit; the registry's work list: requested transfers, oldest first.
  { collection: REAL_ESTATE_COLLECTIONS.titleTransfers, key: { unitId: 1, caseNumber: 1 } },
  { collection: REAL_ESTATE_COLLECTIONS.titleTransfers, key: { state: 1, requestedAt: 1, _id: 1 } },
];

export function createRealEstateContext(db: Db) {
  return {
    register: createRegisterLoaders(db),
    titleTransfers: db.collection<TitleTransferDocument>(REAL_ESTATE_COLLECTIONS.titleTransfers),
  };
}

export type RealEstateContext = RegisterContext & ReturnType<typeof createRealEstateContext>;
