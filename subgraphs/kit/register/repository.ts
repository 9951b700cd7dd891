import type { Db } from 'mongodb';
import type { IndexDeclaration } from '../mongo';
import { REGISTER_COLLECTIONS, type AssetDocument, type ControlDocument } from './model';

export const registerIndexes: readonly IndexDeclaration[] = [
  { collection: REGISTER_COLLECTIONS.assets, key: { ownerIds: 1 } },
  { collection: REGISTER_COLLECTIONS.assets, key: { category: 1 } },
  { collection: REGISTER_COLLECTIONS.controls, key: { assetId: 1, status: 1, rank: 1 } },
  { collection: REGISTER_COLLECTIONS.controls, key: { caseNumber: 1 } },
  // A retried request must find its original instead of creating a second measure.
  { collection: REGISTER_COLLECTIONS.controls, key: { idempotencyKey: 1 }, options: { unique: true } },
];

export class RegisterRepository<TAsset extends AssetDocument = AssetDocument> {
  constructor(readonly db: Db) {}

  get assets() {
    return this.db.collection<TAsset>(REGISTER_COLLECTIONS.assets);
  }
  get controls() {
    return this.db.collection<ControlDocument>(REGISTER_COLLECTIONS.controls);
  }
}
