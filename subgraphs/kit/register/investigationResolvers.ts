import { courtScoped, requireCaseBasis, requireRespondent, type EnforcementCaseRef } from '../auth/legalBasis';
import type { ResolverMap } from '../resolverMaps';
import { nowOf } from '../../../platform/clock';
import { investigationConfig } from '../config';
import { caseNumberArg, idempotencyKeyArg, officerArg, partyIdArg, textArg } from '../validate';
import { names, type RegisterDescriptor } from './findings';
import { answerInvestigation, deadlineStatus, requestInvestigation } from './investigations';
import type { RegisterContext } from './loaders';
import type { InvestigationDocument, InvestigationState } from './model';
import { investigationsPage, type WorkListArgs } from './workLists';

export interface InvestigationRequestInput {
  caseNumber: string;
  partyId: string;
  idempotencyKey: string;
  officer: { name: string; phone: string };
  /** The court's notice for the case (EnforcementCase.basis). */
  basis: string;
}

/** Investigations of every register, named after it (see schema/register.graphql). */
export function investigationResolvers(descriptor: RegisterDescriptor): ResolverMap<RegisterContext> {
  const { query: q, mutation: m, investigationsField, investigationType } = names(descriptor);
  // Read once at start: a malformed limit or holiday list stops the subgraph rather than a request.
  const config = investigationConfig();
  const investigations = (ctx: RegisterContext) => ctx.register.repository.investigations;
  return {
    Mutation: {
      [m.requestInvestigation]: (_: unknown, args: { input: InvestigationRequestInput }, ctx: RegisterContext) => {
        const caseNumber = caseNumberArg('input.caseNumber', args.input.caseNumber);
        const partyId = partyIdArg('input.partyId', args.input.partyId);
        const idempotencyKey = idempotencyKeyArg('input.idempotencyKey', args.input.idempotencyKey);
        const officer = officerArg('input.officer', args.input.officer);
        // Only a respondent's holdings are the court's to ask about, and only through its notice for the case.
        const basis = requireCaseBasis(ctx, args.input.basis, caseNumber);
        requireRespondent(basis, partyId);
        const request = {
          caseNumber,
          courtCode: basis.courtCode,
          partyId,
          idempotencyKey: courtScoped(basis.courtCode, idempotencyKey),
          officer,
        };
        return requestInvestigation(investigations(ctx), descriptor.controlIdPrefix, request, nowOf(ctx), config);
      },
      [m.answerInvestigation]: (_: unknown, args: { id: string; feedback: string }, ctx: RegisterContext) =>
        answerInvestigation(
          investigations(ctx),
          ctx.register.repository.assets,
          args.id,
          textArg('feedback', args.feedback, 2000),
          nowOf(ctx),
        ),
    },
    Query: {
      [q.investigations]: (_: unknown, args: WorkListArgs & { state?: InvestigationState | null }, ctx: RegisterContext) =>
        investigationsPage(ctx, args),
    },
    EnforcementCase: {
      [investigationsField]: (ref: EnforcementCaseRef, _: unknown, ctx: RegisterContext) =>
        ctx.register.investigationsByCase.load(requireCaseBasis(ctx, ref.basis, ref.caseNumber).caseNumber),
    },
    [investigationType]: {
      id: (investigation: InvestigationDocument) => investigation._id,
      assetCount: (investigation: InvestigationDocument) => investigation.assetIds?.length ?? null,
      deadlineStatus: (investigation: InvestigationDocument, _: unknown, ctx: RegisterContext) => deadlineStatus(investigation, nowOf(ctx)),
    },
  };
}
