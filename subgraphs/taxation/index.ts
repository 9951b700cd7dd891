import { join } from 'node:path';
import { registerIndexes } from '../kit/register/repository';
import { defineSubgraph } from '../kit/subgraph';
import { registerRules } from '../kit/register/rules';
import { COURT_STAFF, either, staffOf } from '../kit/auth/rules';
import { TAXATION_REGISTER } from './register';
import { registerTypeDefs } from '../kit/register/typeDefs';
import { createTaxationContext } from './loaders';
import { taxationResolvers } from './resolvers';

/** The tax bureau (税务局): refunds it owes a party, the party's standing as a taxpayer, and transfer-tax clearances. */
export default defineSubgraph({
  name: 'taxation',
  defaultPort: 4105,
  typeDefs: registerTypeDefs(TAXATION_REGISTER, [join(__dirname, 'schema.graphql')]),
  resolvers: taxationResolvers,
  createContext: ({ db }) => createTaxationContext(db),
  // Taxpayers and clearances are looked up by _id only, so the register's indexes are all this database needs.
  indexes: registerIndexes,
  rules: registerRules(TAXATION_REGISTER, { Query: { taxRefund: COURT_STAFF, taxClearance: either(COURT_STAFF, staffOf('TAXATION')) }, Mutation: { settleTransferTax: staffOf('TAXATION') } }),
  keys: { checks: ['LEGAL_BASIS'] },
});
