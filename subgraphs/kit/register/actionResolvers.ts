import type { ResolverMap } from '../resolverMaps';
import { nowOf } from '../../../platform/clock';
import { forbidden } from '../auth/rules';
import { amountArg, caseNumberArg, idempotencyKeyArg, officerArg, partyIdArg, textArg as text } from '../validate';
import { courtScoped, requireCaseBasis, requireRespondent, type NoticePurpose } from '../auth/legalBasis';
import { names, type RegisterDescriptor } from './findings';
import type { RegisterContext } from './loaders';
import type { RequestState } from './model';
import { expiringPage, requestsPage, type WorkListArgs } from './workLists';
import type { ControlMeasure } from '../../../domain/assets';
import type { ControlRequest } from './receive';
import { receiveControl } from './placement';
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
  /** The court's notice for the case (EnforcementCase.basis). */
  basis: string;
}

/**
 * Every field checked, then the court's notice: the caller acts through this case, the party is one of
 * its respondents. The court, the ceiling and the idempotency scope come from the notice, not the client.
 */
export function controlRequestArg(ctx: RegisterContext, input: ControlRequestInput): ControlRequest {
  const caseNumber = caseNumberArg('input.caseNumber', input.caseNumber);
  const officer = officerArg('input.officer', input.officer);
  const idempotencyKey = idempotencyKeyArg('input.idempotencyKey', input.idempotencyKey);
  const partyId = partyIdArg('input.partyId', input.partyId);
  const assetId = text('input.assetId', input.assetId, 64);
  const documentNumber = text('input.documentNumber', input.documentNumber, 100);
  const amount = input.amount === null || input.amount === undefined ? null : amountArg('input.amount', input.amount);
  const basis = requireCaseBasis(ctx, input.basis, caseNumber);
  requireRespondent(basis, partyId);
  return {
    caseNumber,
    courtCode: basis.courtCode,
    partyId,
    assetId,
    measure: input.measure,
    documentNumber,
    idempotencyKey: courtScoped(basis.courtCode, idempotencyKey),
    officer,
    amount,
    debtPlusCosts: basis.debtPlusCosts,
  };
}

/**
 * A measure is renewed or lifted only through the court's notice for the case that ordered it, so only by
 * that court's officer of the case or its division head; an unknown id is left to the transition's NOT_FOUND.
 */
async function requireOrderingCourt(ctx: RegisterContext, id: string, token: string, purpose: NoticePurpose): Promise<void> {
  // Read past the request's loaders: a control cached here would show later fields its state before the change.
  const control = await ctx.register.repository.controls.findOne({ _id: id }, { projection: { courtCode: 1, caseNumber: 1 } });
  if (!control) return;
  const basis = requireCaseBasis(ctx, token, control.caseNumber, purpose);
  if (basis.courtCode !== control.courtCode) throw forbidden(`${control._id} was not ordered through your court's case`);
}

/** The register's mutations and staff queries, named after the register (see schema/register.graphql). */
export function registerActionResolvers(descriptor: RegisterDescriptor): ResolverMap<RegisterContext> {
  const { query: q, mutation: m } = names(descriptor);
  const controls = (ctx: RegisterContext) => ctx.register.repository.controls;
  return {
    Mutation: {
      [m.request]: async (_: unknown, args: { input: ControlRequestInput }, ctx: RegisterContext) => {
        // Receipt (签收) is the moment the register has the request: stamped before any check or wait, it fixes the rank.
        const receivedAt = nowOf(ctx);
        const request = controlRequestArg(ctx, args.input);
        const executeAtOnce = descriptor.answersOnline?.includes(request.measure) ?? false;
        const { control, queue } = await receiveControl(descriptor, ctx.register.repository.assets, controls(ctx), {
          request,
          receivedAt,
          executeAtOnce,
        });
        // The answer's rank and status are read off the queue as the placement left it, not read again.
        ctx.register.queueByAsset.prime(control.assetId, queue);
        return control;
      },
      [m.acknowledge]: (_: unknown, args: { id: string }, ctx: RegisterContext) => acknowledgeControl(controls(ctx), args.id, nowOf(ctx)),
      [m.execute]: (_: unknown, args: { id: string; feedback: string; executedAmount?: number | null }, ctx: RegisterContext) =>
        executeControl(
          controls(ctx),
          args.id,
          args.feedback,
          args.executedAmount == null ? null : amountArg('executedAmount', args.executedAmount, 0),
          nowOf(ctx),
        ),
      [m.reject]: (_: unknown, args: { id: string; reason: RejectReason; feedback: string }, ctx: RegisterContext) =>
        rejectControl(controls(ctx), args.id, args.reason, args.feedback, nowOf(ctx)),
      [m.release]: async (_: unknown, args: { id: string; documentNumber: string; basis: string }, ctx: RegisterContext) => {
        const documentNumber = text('documentNumber', args.documentNumber, 100);
        // A case that has closed still lifts its measures: the court's release-only notice suffices here.
        await requireOrderingCourt(ctx, args.id, args.basis, 'release');
        return releaseControl(controls(ctx), args.id, documentNumber, nowOf(ctx));
      },
      [m.renew]: async (_: unknown, args: { id: string; documentNumber: string; basis: string }, ctx: RegisterContext) => {
        const documentNumber = text('documentNumber', args.documentNumber, 100);
        await requireOrderingCourt(ctx, args.id, args.basis, 'act');
        return renewControl(controls(ctx), args.id, documentNumber, nowOf(ctx));
      },
    },
    Query: {
      [q.requests]: (_: unknown, args: WorkListArgs & { requestState?: RequestState | null }, ctx: RegisterContext) =>
        requestsPage(ctx, args),
      [q.expiring]: (_: unknown, args: WorkListArgs & { withinDays: number }, ctx: RegisterContext) => expiringPage(descriptor, ctx, args),
    },
  };
}
