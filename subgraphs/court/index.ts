import { join } from 'node:path';
import { mergeResolvers } from '../kit/resolverMaps';
import { defineSubgraph, loadTypeDefs } from '../kit/subgraph';
import { createCourtLoaders } from './loaders';
import { createReferralContext, type ReferralContext } from './referrals/context';
import { referralIndexes } from './referrals/repository';
import { referralResolvers } from './referrals/resolvers';
import { courtIndexes } from './repository';
import { courtResolvers } from './resolvers';

/** The court's own system: cases, parties, officers, refusal-to-execute referrals. It owns EnforcementCase, CaseParty and Party. */
export default defineSubgraph({
  name: 'court',
  defaultPort: 4101,
  typeDefs: loadTypeDefs(
    [join(__dirname, 'schema.graphql'), join(__dirname, 'panorama.graphql'), join(__dirname, 'referrals.graphql')],
    ['scalars', 'assets', 'actions'],
  ),
  resolvers: mergeResolvers<ReferralContext>(courtResolvers, referralResolvers),
  createContext: ({ db, clock }) => ({ ...createCourtLoaders(db), ...createReferralContext(db, clock) }),
  indexes: [...courtIndexes, ...referralIndexes],
});
