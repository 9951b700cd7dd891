import { join } from 'node:path';
import { outboxService } from '../kit/outbox/service';
import { defineSubgraph, loadTypeDefs, type Subgraph } from '../kit/subgraph';
import { VictimsContext, verifiedRolesOf } from './context';
import { victimsOptionsFromEnv, type VictimsOptions } from './options';
import { victimsIndexes } from './repository';
import { victimsResolvers } from './resolvers';
import { victimsRules } from './rules';
import { fileChannel, servicesFor, type ChannelFactory } from './services';

/**
 * Mass-victim cases (涉众): registration, verification against the police's or auditor's ledger, claims,
 * proportional distribution in rounds, payouts and the SMS at each stage. Tests build their own with
 * a temporary data directory or a scripted payment channel.
 */
export function createVictimsSubgraph(options: VictimsOptions = victimsOptionsFromEnv(), channel: ChannelFactory = fileChannel): Subgraph {
  return defineSubgraph({
    name: 'victims',
    defaultPort: 4108,
    typeDefs: loadTypeDefs([join(__dirname, 'schema.graphql')], ['scalars']),
    resolvers: victimsResolvers,
    createContext: (scope) =>
      new VictimsContext(scope.db, scope.headers, verifiedRolesOf(scope), options, servicesFor(scope.db, options, channel)),
    indexes: victimsIndexes,
    rules: victimsRules,
    // Every staff step verifies the court's notice for its case (access.ts).
    keys: { checks: ['LEGAL_BASIS'] },
    // The SMS outbox's one dispatcher runs beside the server (kit/outbox/service.ts).
    background: [outboxService],
  });
}

export default createVictimsSubgraph();
