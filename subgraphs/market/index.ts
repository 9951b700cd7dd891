import { join } from 'node:path';
import { COURT_STAFF } from '../kit/auth/rules';
import { defineRegisterSubgraph } from '../kit/register/subgraph';
import { createMarketContext, marketIndexes } from './loaders';
import { MARKET_REGISTER } from './register';
import { marketResolvers } from './resolvers';

/** The market regulator (市场监督管理局), the equity custody centres and the IP office / copyright centre. */
export default defineRegisterSubgraph(MARKET_REGISTER, {
  name: 'market',
  defaultPort: 4107,
  schemaFiles: [join(__dirname, 'schema.graphql')],
  resolvers: marketResolvers,
  createContext: ({ db }) => createMarketContext(db),
  indexes: marketIndexes,
  rules: { Query: { companyEquityOfCompany: COURT_STAFF, intellectualPropertyByNumber: COURT_STAFF } },
});
