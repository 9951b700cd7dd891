import { join } from 'node:path';
import { registerIndexes } from '../kit/register/repository';
import { defineSubgraph } from '../kit/subgraph';
import { registerRules } from '../kit/register/rules';
import { COURT_STAFF } from '../kit/auth/rules';
import { REAL_ESTATE_REGISTER } from './register';
import { registerTypeDefs } from '../kit/register/typeDefs';
import { createRealEstateContext, realEstateIndexes } from './loaders';
import { realEstateResolvers } from './resolvers';

/** The natural-resources bureau's registries (不动产登记): real estate, land, off-plan property, mining and sea rights. */
export default defineSubgraph({
  name: 'realestate',
  defaultPort: 4102,
  typeDefs: registerTypeDefs(REAL_ESTATE_REGISTER, [join(__dirname, 'schema.graphql')]),
  resolvers: realEstateResolvers,
  createContext: ({ db }) => createRealEstateContext(db),
  indexes: [...registerIndexes, ...realEstateIndexes],
  rules: registerRules(REAL_ESTATE_REGISTER, { Mutation: { transferRealEstateTitle: COURT_STAFF } }),
  keys: { checks: ['LEGAL_BASIS'] },
});
