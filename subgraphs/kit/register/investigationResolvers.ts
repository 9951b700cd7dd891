import type { ResolverMap } from '../resolverMaps';
import { nowOf } from '../../../platform/clock';
import { investigationConfig } from '../config';
import { parseCaseNumber } from '../../../domain/identifiers';
import { caseNumberArg, idempotencyKeyArg, officerArg, pageSizeArg, partyIdArg, textArg } from '../validate';
import { names, type RegisterDescriptor } from './findings';
import { answerInvestigation, deadlineStatus, requestInvestigation } from './investigations';
import type { RegisterContext } from './loaders';
import type { InvestigationDocument, InvestigationState } from './model';

export interface InvestigationRequestInput {
  caseNumber: string;
  partyId: string;
  idempotencyKey: string;
  officer: { name: string; phone: string };
}

/** Investigations of every register, named after it (see schema/register.graphql). */
export function investigationResolvers(descriptor: RegisterDescriptor): ResolverMap<RegisterContext> {
  const { query: q, mutation: m, investigationsField, investigationType } = names(descriptor);
  // Read once at start: a malformed limit or holiday list stops the subgraph rather than a request.
  const config = investigationConfig();
  const now = nowOf;
  const investigations = (ctx: RegisterContext) => ctx.register.repository.investigations;
  return {
    Mutation: {
      [m.requestInvestigation]: (_: unknown, args: { input: InvestigationRequestInput }, ctx: RegisterContext) => {
        const caseNumber = caseNumberArg('input.caseNumber', args.input.caseNumber);
        const request = {
          caseNumber,
          courtCode: (parseCaseNumber(caseNumber) as { courtCode: string }).courtCode,
          partyId: partyIdArg('input.partyId', args.input.partyId),
          idempotencyKey: idempotencyKeyArg('input.idempotencyKey', args.input.idempotencyKey),
          officer: officerArg('input.officer', args.input.officer),
        };
        return requestInvestigation(investigations(ctx), descriptor.controlIdPrefix, request, now(ctx), config);
      },
      [m.answerInvestigation]: (_: unknown, args: { id: string; feedback: string }, ctx: RegisterContext) =>
        answerInvestigation(investigations(ctx), ctx.register.repository.assets, args.id, textArg('feedback', args.feedback, 2000), now(ctx)),
    },
    Query: {
      [q.investigations]: (_: unknown, args: { state?: InvestigationState | null; first?: number | null }, ctx: RegisterContext) => {
        const first = pageSizeArg('first', args.first ?? 50, 500);
        return investigations(ctx).find(args.state ? { state: args.state } : {}).sort({ requestedAt: 1, _id: 1 }).limit(first).toArray();
      },
    },
    EnforcementCase: {
      [investigationsField]: (ref: { caseNumber: string }, _: unknown, ctx: RegisterContext) => ctx.register.investigationsByCase.load(ref.caseNumber),
    },
    [investigationType]: {
      id: (investigation: InvestigationDocument) => investigation._id,
      assetCount: (investigation: InvestigationDocument) => investigation.assetIds?.length ?? null,
      deadlineStatus: (investigation: InvestigationDocument, _: unknown, ctx: RegisterContext) => deadlineStatus(investigation, now(ctx)),
    },
  };
}
