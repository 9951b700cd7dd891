import { join } from 'node:path';
import { defineSubgraph, loadTypeDefs } from '../kit/subgraph';
import { createRealEstateLoaders } from './loaders';
import { realEstateIndexes } from './repository';
import { realEstateResolvers } from './resolvers';

/** The natural-resources bureau's real-estate registry (不动产登记): units and the measures on them. */
export default defineSubgraph({
  name: 'realestate',
  defaultPort: 4102,
  typeDefs: loadTypeDefs([join(__dirname, 'schema.graphql')], ['scalars', 'assets']),
  resolvers: realEstateResolvers,
  createContext: ({ db }) => createRealEstateLoaders(db),
  indexes: realEstateIndexes,
});
