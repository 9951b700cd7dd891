import type { ResolverMap } from '../resolverMaps';
import { nowOf } from '../../../platform/clock';
import { identityOf } from '../../../platform/identity';
import { forbidden } from '../auth/rules';
import { badUserInput } from '../../../platform/errors';
import { parseCaseNumber } from '../../../domain/identifiers';
import { caseNumberArg, idempotencyKeyArg, officerArg, partyIdArg, textArg as text } from '../validate';
import { names, type RegisterDescriptor } from './findings';
import type { RegisterContext } from './loaders';
import type { Filter } from 'mongodb';
import type { ControlDocument, RequestState } from './model';
import type { ControlMeasure } from '../../../domain/assets';
import { IN_QUEUE } from './queue';
import { receiveControl, type ControlRequest } from './receive';
import { acknowledgeControl, executeControl, rejectControl, releaseControl, renewControl, type RejectReason } from './transitions';

export interface ControlRequestInput {
  caseNumber: string;
  partyId: string;
  assetId: string;
  measure: ControlMeasure;
  documentNumber: string;
  idempotencyKey: string;
  officer: { name: string; phone: string };
  amount?: number | null;
  debtPlusCosts: number;
}

/** Every field checked before the register is read or written. */
export function controlRequestArg(input: ControlRequestInput): ControlRequest {
  const caseNumber = caseNumberArg('input.caseNumber', input.caseNumber);
  const officer = officerArg('input.officer', input.officer);
  if (!Number.isSafeInteger(input.debtPlusCosts) || input.debtPlusCosts <= 0) throw badUserInput('input.debtPlusCosts', 'must be a positive amount in fen');
  const idempotencyKey = idempotencyKeyArg('input.idempotencyKey', input.idempotencyKey);
  return {
    caseNumber,
    courtCode: (parseCaseNumber(caseNumber) as { courtCode: string }).courtCode,
    partyId: partyIdArg('input.partyId', input.partyId),
    assetId: text('input.assetId', input.assetId, 64),
    measure: input.measure,
    documentNumber: text('input.documentNumber', input.documentNumber, 100),
    idempotencyKey,
    officer,
    amount: input.amount ?? null,
    debtPlusCosts: input.debtPlusCosts,
  };
}

/** A measure is renewed or lifted only by the court that ordered it; an unknown id is left to the transition's NOT_FOUND. */
async function requireOwnCourt(ctx: RegisterContext, id: string): Promise<void> {
  // Read past the request's loaders: a control cached here would show later fields its state before the change.
  const control = await ctx.register.repository.controls.findOne({ _id: id }, { projection: { courtCode: 1 } });
  if (control && control.courtCode !== identityOf(ctx).court) throw forbidden(`${control._id} was ordered by ${control.courtCode}, another court`);
}

/** The register's mutations and staff queries, named after the register (see register-actions.graphql). */
export function registerActionResolvers(descriptor: RegisterDescriptor): ResolverMap<RegisterContext> {
  const { query: q, mutation: m } = names(descriptor);
  const controls = (ctx: RegisterContext) => ctx.register.repository.controls;
  const now = nowOf;
  return {
    Mutation: {
      [m.request]: (_: unknown, args: { input: ControlRequestInput }, ctx: RegisterContext) => {
        const request = controlRequestArg(args.input);
        return receiveControl(descriptor, ctx.register.repository.assets, controls(ctx), request, {
          clock: () => now(ctx),
          executeAtOnce: descriptor.answersOnline?.includes(request.measure) ?? false,
        });
      },
      [m.acknowledge]: (_: unknown, args: { id: string }, ctx: RegisterContext) => acknowledgeControl(controls(ctx), args.id, now(ctx)),
      [m.execute]: (_: unknown, args: { id: string; feedback: string; executedAmount?: number | null }, ctx: RegisterContext) =>
        executeControl(controls(ctx), args.id, args.feedback, args.executedAmount ?? null, now(ctx)),
      [m.reject]: (_: unknown, args: { id: string; reason: RejectReason; feedback: string }, ctx: RegisterContext) =>
        rejectControl(controls(ctx), args.id, args.reason, args.feedback, now(ctx)),
      [m.release]: async (_: unknown, args: { id: string; documentNumber: string }, ctx: RegisterContext) => {
        await requireOwnCourt(ctx, args.id);
        return releaseControl(controls(ctx), args.id, text('documentNumber', args.documentNumber, 100), now(ctx));
      },
      [m.renew]: async (_: unknown, args: { id: string; documentNumber: string }, ctx: RegisterContext) => {
        await requireOwnCourt(ctx, args.id);
        return renewControl(controls(ctx), args.id, text('documentNumber', args.documentNumber, 100), now(ctx));
      },
    },
    Query: {
      [q.requests]: (_: unknown, args: { requestState?: RequestState | null; first?: number | null }, ctx: RegisterContext) => {
        const first = args.first ?? 50;
        if (!Number.isInteger(first) || first < 1 || first > 500) throw badUserInput('first', 'must be between 1 and 500');
        const filter: Filter<ControlDocument> = args.requestState ? { requestState: args.requestState } : { state: IN_QUEUE };
        return controls(ctx).find(filter).sort({ requestedAt: 1, _id: 1 }).limit(first).toArray();
      },
      [q.expiring]: (_: unknown, args: { withinDays: number }, ctx: RegisterContext) => {
        if (!Number.isInteger(args.withinDays) || args.withinDays < 0 || args.withinDays > 366) throw badUserInput('withinDays', 'must be between 0 and 366');
        const until = new Date(now(ctx).getTime() + args.withinDays * 86_400_000);
        return controls(ctx).find({ state: IN_QUEUE, expiresAt: { $ne: null, $lte: until } }).sort({ expiresAt: 1 }).toArray();
      },
    },
  };
}
