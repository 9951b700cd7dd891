import { join } from 'node:path';
import { defineSubgraph, loadTypeDefs } from '../kit/subgraph';
import { createCourtLoaders } from './loaders';
import { courtIndexes } from './repository';
import { courtResolvers } from './resolvers';

/** The court's own system: cases, parties, officers. It owns EnforcementCase, CaseParty and Party. */
export default defineSubgraph({
  name: 'court',
  defaultPort: 4101,
  typeDefs: loadTypeDefs([join(__dirname, 'schema.graphql'), join(__dirname, 'panorama.graphql')], ['scalars', 'assets', 'actions']),
  resolvers: courtResolvers,
  createContext: ({ db }) => createCourtLoaders(db),
  indexes: courtIndexes,
});
