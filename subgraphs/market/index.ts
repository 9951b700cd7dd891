import { join } from 'node:path';
import { registerIndexes } from '../kit/register/repository';
import { defineSubgraph } from '../kit/subgraph';
import { registerRules } from '../kit/register/rules';
import { COURT_STAFF } from '../kit/auth/rules';
import { MARKET_REGISTER } from './register';
import { registerTypeDefs } from '../kit/register/typeDefs';
import { createMarketContext, marketIndexes } from './loaders';
import { marketResolvers } from './resolvers';

/** The market regulator (市场监督管理局), the equity custody centres and the IP office / copyright centre. */
export default defineSubgraph({
  name: 'market',
  defaultPort: 4107,
  typeDefs: registerTypeDefs(MARKET_REGISTER, [join(__dirname, 'schema.graphql')]),
  resolvers: marketResolvers,
  createContext: ({ db }) => createMarketContext(db),
  indexes: [...registerIndexes, ...marketIndexes],
  rules: registerRules(MARKET_REGISTER, { Query: { companyEquityOfCompany: COURT_STAFF, intellectualPropertyByNumber: COURT_STAFF } }),
  keys: { checks: ['LEGAL_BASIS'] },
});
