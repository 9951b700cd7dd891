import { join } from 'node:path';
import { registerIndexes } from '../kit/register/repository';
import { defineSubgraph, loadTypeDefs } from '../kit/subgraph';
import { createTaxationContext } from './loaders';
import { taxationResolvers } from './resolvers';

/** The tax bureau (税务局): refunds it owes a party, the party's standing as a taxpayer, and transfer-tax clearances. */
export default defineSubgraph({
  name: 'taxation',
  defaultPort: 4105,
  typeDefs: loadTypeDefs([join(__dirname, 'schema.graphql')], ['scalars', 'assets']),
  resolvers: taxationResolvers,
  createContext: ({ db }) => createTaxationContext(db),
  // Taxpayers and clearances are looked up by _id only, so the register's indexes are all this database needs.
  indexes: registerIndexes,
});
