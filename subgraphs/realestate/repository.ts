import type { Db } from 'mongodb';
import type { IndexDeclaration } from '../kit/mongo';
import { COLLECTIONS, type ControlDocument, type UnitDocument } from './model';

export const realEstateIndexes: readonly IndexDeclaration[] = [
  { collection: COLLECTIONS.units, key: { ownerIds: 1 } },
  { collection: COLLECTIONS.units, key: { certificateNumber: 1 } },
  { collection: COLLECTIONS.controls, key: { assetId: 1, status: 1, rank: 1 } },
  { collection: COLLECTIONS.controls, key: { caseNumber: 1 } },
  // A retried request must find its original instead of creating a second measure.
  { collection: COLLECTIONS.controls, key: { idempotencyKey: 1 }, options: { unique: true } },
];

export class RealEstateRepository {
  constructor(private readonly db: Db) {}

  get units() {
    return this.db.collection<UnitDocument>(COLLECTIONS.units);
  }
  get controls() {
    return this.db.collection<ControlDocument>(COLLECTIONS.controls);
  }
}
