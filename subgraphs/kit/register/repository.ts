import type { Db } from 'mongodb';
import { accessLogIndexes } from '../audit/accessLog';
import type { IndexDeclaration } from '../mongo';
import { REGISTER_COLLECTIONS, type AssetDocument, type ControlDocument, type InvestigationDocument } from './model';

export const registerIndexes: readonly IndexDeclaration[] = [
  { collection: REGISTER_COLLECTIONS.assets, key: { ownerIds: 1 } },
  { collection: REGISTER_COLLECTIONS.assets, key: { category: 1 } },
  { collection: REGISTER_COLLECTIONS.controls, key: { caseNumber: 1 } },
  // The lapse timer and the agency's expiry list; the court's expiry list; the agency's request list (workLists.ts).
  { collection: REGISTER_COLLECTIONS.controls, key: { state: 1, expiresAt: 1 } },
  { collection: REGISTER_COLLECTIONS.controls, key: { courtCode: 1, state: 1, expiresAt: 1 } },
  { collection: REGISTER_COLLECTIONS.controls, key: { state: 1, requestState: 1, requestedAt: 1 } },
  { collection: REGISTER_COLLECTIONS.controls, key: { requestState: 1, requestedAt: 1 } },
  // These three unique indexes are what make requests safe to race and to retry (see placement.ts):
  // a retry finds its original, each place in an asset's queue is taken once, one measure per case and asset.
  { collection: REGISTER_COLLECTIONS.controls, key: { idempotencyKey: 1 }, options: { unique: true } },
  { collection: REGISTER_COLLECTIONS.controls, key: { assetId: 1, seq: 1 }, options: { unique: true } },
  { collection: REGISTER_COLLECTIONS.controls, key: { assetId: 1, claim: 1 }, options: { unique: true } },
  // Investigations are unique by _id, which follows from the idempotency key (see investigations.ts).
  { collection: REGISTER_COLLECTIONS.investigations, key: { caseNumber: 1 } },
  { collection: REGISTER_COLLECTIONS.investigations, key: { state: 1, requestedAt: 1 } },
  ...accessLogIndexes,
];

export class RegisterRepository<TAsset extends AssetDocument = AssetDocument> {
  constructor(readonly db: Db) {}

  get assets() {
    return this.db.collection<TAsset>(REGISTER_COLLECTIONS.assets);
  }
  get controls() {
    return this.db.collection<ControlDocument>(REGISTER_COLLECTIONS.controls);
  }
  get investigations() {
    return this.db.collection<InvestigationDocument>(REGISTER_COLLECTIONS.investigations);
  }
}
