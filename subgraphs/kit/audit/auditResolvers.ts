import type { ResolverMap } from '../resolverMaps';
import type { Db } from 'mongodb';
import type { IdentityScope } from '../../../platform/identity';
import { roles, requireRule } from '../auth/rules';
import { ACCESS_LOG, type AccessEntry } from './accessLog';
import { checkpointStoreFor } from './checkpointer';
import { accessLogKey } from './key';
import { verifyChain } from './verify';

const SUPERVISOR = roles('SUPERVISOR');

/**
 * The AccessAudit fields a subgraph adds for its own log (`<prefix>AccessLog`, `<prefix>AccessLogCheck`, and
 * the deprecated `<prefix>AccessLogIntact`).
 * They check the role again: the entity can be asked for by any representation, not only via accessAudit.
 */
export function accessAuditResolvers<TContext extends IdentityScope>(prefix: string, dbOf: (ctx: TContext) => Db): ResolverMap<TContext> {
  const log = (ctx: TContext) => dbOf(ctx).collection<AccessEntry>(ACCESS_LOG);
  const check = async (ctx: TContext) => verifyChain(log(ctx), accessLogKey(), await checkpointStoreFor(dbOf(ctx)).read());
  return {
    AccessAudit: {
      [`${prefix}AccessLog`]: async (ref: { subjectHash: string }, _: unknown, ctx: TContext) => {
        requireRule(ctx, SUPERVISOR, 'read the access log');
        const entries = await log(ctx).find({ subjectHash: ref.subjectHash }).sort({ _id: 1 }).toArray();
        return entries.map((entry) => ({ ...entry, position: entry._id }));
      },
      [`${prefix}AccessLogCheck`]: async (_: unknown, __: unknown, ctx: TContext) => {
        requireRule(ctx, SUPERVISOR, 'read the access log');
        return check(ctx);
      },
      [`${prefix}AccessLogIntact`]: async (_: unknown, __: unknown, ctx: TContext) => {
        requireRule(ctx, SUPERVISOR, 'read the access log');
        return (await check(ctx)).intact;
      },
    },
  };
}
