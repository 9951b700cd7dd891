import type { RegisterContext } from '../kit/register/loaders';
import type { Db } from 'mongodb';
import { groupLoader } from '../kit/loaders';
import { createRegisterLoaders } from '../kit/register/loaders';
import { REGISTER_COLLECTIONS } from '../kit/register/model';
import type { IndexDeclaration } from '../kit/mongo';
import type { CompanyEquityDocument } from './model';

/** Looking up a company's shareholders goes by the target company, not by the holder. */
export const marketIndexes: readonly IndexDeclaration[] = [{ collection: REGISTER_COLLECTIONS.assets, key: { companyId: 1, category: 1 } }];

export function createMarketContext(db: Db) {
  return {
    register: createRegisterLoaders(db),
    equityByCompany: groupLoader<CompanyEquityDocument>(db.collection<CompanyEquityDocument>(REGISTER_COLLECTIONS.assets), 'companyId', {
      filter: { category: 'COMPANY_EQUITY' },
      sort: { sharePercent: -1, _id: 1 },
    }),
  };
}

/** The register's loaders plus the look-up by target company. */
export type MarketContext = RegisterContext & ReturnType<typeof createMarketContext>;
