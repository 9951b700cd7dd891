import type { ResolverMap } from '../resolverMaps';
import type { Db } from 'mongodb';
import type { IdentityScope } from '../../../platform/identity';
import { roles, requireRule } from '../auth/rules';
import { ACCESS_LOG, verifyChain, type AccessEntry } from './accessLog';

const SUPERVISOR = roles('SUPERVISOR');

/**
 * The AccessAudit fields a subgraph adds for its own log (`<prefix>AccessLog`, `<prefix>AccessLogIntact`).
 * They check the role again: the entity can be asked for by any representation, not only via accessAudit.
 */
export function accessAuditResolvers<TContext extends IdentityScope>(prefix: string, dbOf: (ctx: TContext) => Db): ResolverMap<TContext> {
  const log = (ctx: TContext) => dbOf(ctx).collection<AccessEntry>(ACCESS_LOG);
  return {
    AccessAudit: {
      [`${prefix}AccessLog`]: async (ref: { subjectHash: string }, _: unknown, ctx: TContext) => {
        requireRule(ctx, SUPERVISOR, 'read the access log');
        const entries = await log(ctx).find({ subjectHash: ref.subjectHash }).sort({ _id: 1 }).toArray();
        return entries.map((entry) => ({ ...entry, position: entry._id }));
      },
      [`${prefix}AccessLogIntact`]: async (_: unknown, __: unknown, ctx: TContext) => {
        requireRule(ctx, SUPERVISOR, 'read the access log');
        return (await verifyChain(log(ctx))).intact;
      },
    },
  };
}
