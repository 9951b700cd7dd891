import { join } from 'node:path';
import { COURT_STAFF, staffOf } from '../kit/auth/rules';
import { defineRegisterSubgraph } from '../kit/register/subgraph';
import { createRealEstateContext, realEstateIndexes } from './loaders';
import { REAL_ESTATE_REGISTER } from './register';
import { realEstateResolvers } from './resolvers';

/** The natural-resources bureau's registries (不动产登记): real estate, land, off-plan property, mining and sea rights. */
export default defineRegisterSubgraph(REAL_ESTATE_REGISTER, {
  name: 'realestate',
  defaultPort: 4102,
  schemaFiles: [join(__dirname, 'schema.graphql')],
  resolvers: realEstateResolvers,
  createContext: ({ db }) => createRealEstateContext(db),
  indexes: realEstateIndexes,
  rules: {
    Query: { realEstateTitleTransferRequests: staffOf('REALESTATE') },
    // The court serves its notice; the registry performs the transfer on it (domain.md, "Who may see what").
    Mutation: { requestRealEstateTitleTransfer: COURT_STAFF, transferRealEstateTitle: staffOf('REALESTATE') },
  },
});
