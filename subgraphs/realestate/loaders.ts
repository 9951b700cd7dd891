import type { Db } from 'mongodb';
import type { IndexDeclaration } from '../kit/mongo';
import { createRegisterLoaders, type RegisterContext } from '../kit/register/loaders';
import { REAL_ESTATE_COLLECTIONS, type TitleTransferDocument } from './model';

export const realEstateIndexes: readonly IndexDeclaration[] = [
  // A retried transfer is found by its key; the unique index also stops one key from naming two transfers.
  { collection: REAL_ESTATE_COLLECTIONS.titleTransfers, key: { idempotencyKey: 1 }, options: { unique: true } },
];

export function createRealEstateContext(db: Db) {
  return {
    register: createRegisterLoaders(db),
    titleTransfers: db.collection<TitleTransferDocument>(REAL_ESTATE_COLLECTIONS.titleTransfers),
  };
}

export type RealEstateContext = RegisterContext & ReturnType<typeof createRealEstateContext>;
