import { join } from 'node:path';
import { accessLogIndexes } from '../kit/audit/accessLog';
import { mergeResolvers } from '../kit/resolverMaps';
import { defineSubgraph, loadTypeDefs } from '../kit/subgraph';
import { createCourtLoaders } from './loaders';
import { createReferralContext, type ReferralContext } from './referrals/context';
import { referralIndexes } from './referrals/repository';
import { referralResolvers } from './referrals/resolvers';
import { courtIndexes } from './repository';
import { courtAuditResolvers } from './audit';
import { courtResolvers } from './resolvers';
import { courtRules } from './rules';

/** The court's own system: cases, parties, officers, refusal-to-execute referrals. It owns EnforcementCase, CaseParty and Party. */
export default defineSubgraph({
  name: 'court',
  defaultPort: 4101,
  typeDefs: loadTypeDefs(
    [join(__dirname, 'schema.graphql'), join(__dirname, 'panorama.graphql'), join(__dirname, 'referrals.graphql'), join(__dirname, 'statistics.graphql'), join(__dirname, 'audit.graphql')],
    ['scalars', 'assets', 'actions', 'accessLog'],
  ),
  resolvers: mergeResolvers<ReferralContext>(courtResolvers, referralResolvers, courtAuditResolvers),
  createContext: ({ db, clock }) => ({ ...createCourtLoaders(db), ...createReferralContext(db, clock) }),
  indexes: [...courtIndexes, ...referralIndexes, ...accessLogIndexes],
  rules: courtRules,
  keys: { signs: ['LEGAL_BASIS'] },
});
