import { join } from 'node:path';
import { COURT_STAFF, either, staffOf } from '../kit/auth/rules';
import { defineRegisterSubgraph } from '../kit/register/subgraph';
import { createTaxationContext } from './loaders';
import { TAXATION_REGISTER } from './register';
import { taxationResolvers } from './resolvers';

/** The tax bureau (税务局): refunds it owes a party, the party's standing as a taxpayer, and transfer-tax clearances. */
export default defineRegisterSubgraph(TAXATION_REGISTER, {
  name: 'taxation',
  defaultPort: 4105,
  schemaFiles: [join(__dirname, 'schema.graphql')],
  resolvers: taxationResolvers,
  createContext: ({ db }) => createTaxationContext(db),
  // Taxpayers and clearances are looked up by _id only, so the register's indexes are all this database needs.
  rules: {
    Query: { taxRefund: COURT_STAFF, taxClearance: either(COURT_STAFF, staffOf('TAXATION')) },
    Mutation: { settleTransferTax: staffOf('TAXATION') },
  },
});
