import type { Db } from 'mongodb';
import { entityLoader } from '../kit/loaders';
import { createRegisterLoaders, type RegisterContext } from '../kit/register/loaders';
import { TAXATION_COLLECTIONS, type ClearanceDocument, type TaxpayerDocument } from './model';

/** The register's loaders plus the bureau's own: taxpayer records by taxpayer number, clearances by case and unit. */
export function createTaxationContext(db: Db) {
  return {
    register: createRegisterLoaders(db),
    taxpayerById: entityLoader(db.collection<TaxpayerDocument>(TAXATION_COLLECTIONS.taxpayers)),
    clearances: db.collection<ClearanceDocument>(TAXATION_COLLECTIONS.clearances),
    clearanceById: entityLoader(db.collection<ClearanceDocument>(TAXATION_COLLECTIONS.clearances)),
  };
}

export type TaxationContext = RegisterContext & ReturnType<typeof createTaxationContext>;
