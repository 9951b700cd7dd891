import { subjectHash } from '../kit/audit/accessLog';
import { accessAuditResolvers } from '../kit/audit/auditResolvers';
import { accessLogKey } from '../kit/audit/key';
import type { IdentityScope } from '../../platform/identity';
import { mergeResolvers, type ResolverMap } from '../kit/resolverMaps';
import { partyIdArg } from '../kit/validate';
import type { CourtContext } from './loaders';

type Ctx = CourtContext & IdentityScope;

/** The audit's entry point: the party's id becomes the keyed hash every subgraph's log is indexed by. */
export const courtAuditResolvers: ResolverMap<Ctx> = mergeResolvers<Ctx>(
  {
    Query: {
      accessAudit: (_: unknown, args: { partyId: string }) => ({
        subjectHash: subjectHash(accessLogKey(), partyIdArg('partyId', args.partyId)),
      }),
    },
  },
  accessAuditResolvers<Ctx>('court', (ctx) => ctx.db),
);
