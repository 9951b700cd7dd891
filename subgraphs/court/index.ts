import { join } from 'node:path';
import { accessLogIndexes } from '../kit/audit/accessLog';
import { mergeResolvers } from '../kit/resolverMaps';
import { concatAST, parse } from 'graphql';
import type { AssetCategory } from '../../domain/assets';
import type { RegisterDescriptor } from '../kit/register/findings';
import { defineSubgraph, loadTypeDefs, type Subgraph } from '../kit/subgraph';
import { createCourtLoaders, type CourtContext } from './loaders';
import { panorama, panoramaSchemaText, totalsFieldsOf, type CasePartyWithFindings } from './panorama';
import { createReferralContext, type ReferralContext } from './referrals/context';
import { referralIndexes } from './referrals/repository';
import { referralResolvers } from './referrals/resolvers';
import { courtIndexes } from './repository';
import { courtAuditResolvers } from './audit';
import { courtResolvers } from './resolvers';
import { saleIndexes, saleResolvers } from './sales';
import { courtRules } from './rules';

/**
 * The court's own system: cases, parties, officers, refusal-to-execute referrals. It owns EnforcementCase,
 * CaseParty and Party, and compiles the panorama from the totals of the registers it is given (the registry's).
 */
export function createCourtSubgraph(registers: readonly RegisterDescriptor[]): Subgraph {
  const totalsFields = totalsFieldsOf(registers);
  const panoramaResolvers = {
    CaseParty: {
      panorama: (ref: CasePartyWithFindings, args: { categories?: AssetCategory[] | null }, ctx: CourtContext) =>
        panorama(ref, args.categories, ctx, registers),
    },
  };
  return defineSubgraph({
    name: 'court',
    defaultPort: 4101,
    typeDefs: concatAST([
      loadTypeDefs(
        ['schema.graphql', 'sales.graphql', 'referrals.graphql', 'statistics.graphql', 'audit.graphql'].map((file) =>
          join(__dirname, file),
        ),
        ['scalars', 'assets', 'actions', 'accessLog'],
      ),
      parse(panoramaSchemaText(totalsFields)),
    ]),
    resolvers: mergeResolvers<ReferralContext>(courtResolvers, saleResolvers, panoramaResolvers, referralResolvers, courtAuditResolvers),
    createContext: ({ db }) => ({ ...createCourtLoaders(db), ...createReferralContext(db) }),
    indexes: [...courtIndexes, ...saleIndexes, ...referralIndexes, ...accessLogIndexes],
    rules: courtRules,
    keys: { signs: ['LEGAL_BASIS'] },
  });
}
