import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { badUserInput } from '../kit/errors';
import type { AssetCategory } from '../kit/register/model';
import { COURTS, courtByCode, type Court } from '../kit/identifiers';
import { caseNumberArg, courtCodeArg, dateArg, pageSizeArg, partyIdArg } from '../kit/validate';
import { decodeCursor, encodeCursor } from './cursor';
import { panorama, type CasePartyWithFindings } from './panorama';
import type { CourtContext } from './loaders';
import type { CaseDocument, CaseNode, CaseStatus, CaseType, OfficerDocument, PartyDocument, PartyRole } from './model';

interface CasePartyRef {
  caseNumber: string;
  partyId: string;
  role?: PartyRole;
}

interface CaseFilterInput {
  status?: CaseStatus;
  type?: CaseType;
  node?: CaseNode;
  filedFrom?: string;
  filedTo?: string;
}

function courtView(code: string): Pick<Court, 'code' | 'name' | 'level'> {
  const court = courtByCode(code);
  if (!court) throw new Error(`unknown court code ${code} in stored data`);
  return court;
}

/** A party that does not stand in the case resolves to null: the pair is not a legal basis for anything. */
async function casePartyOf<T extends CasePartyRef>(ref: T, ctx: CourtContext): Promise<T | null> {
  const doc = await ctx.caseByNumber.load(ref.caseNumber);
  if (!doc) return null;
  if (doc.respondentIds.includes(ref.partyId)) return { ...ref, role: 'RESPONDENT' };
  if (doc.applicantIds.includes(ref.partyId)) return { ...ref, role: 'APPLICANT' };
  return null;
}

function partiesOf(doc: CaseDocument, role: PartyRole): CasePartyRef[] {
  const ids = role === 'APPLICANT' ? doc.applicantIds : doc.respondentIds;
  return ids.map((partyId) => ({ caseNumber: doc._id, partyId, role }));
}

export const courtResolvers: GraphQLResolverMap<CourtContext> = {
  Query: {
    enforcementCase: (_: unknown, args: { caseNumber: string }, ctx: CourtContext) =>
      ctx.caseByNumber.load(caseNumberArg('caseNumber', args.caseNumber)),

    casesOfCourt: async (
      _: unknown,
      args: { courtCode: string; filter?: CaseFilterInput | null; first?: number | null; after?: string | null },
      ctx: CourtContext,
    ) => {
      const courtCode = courtCodeArg('courtCode', args.courtCode);
      const first = pageSizeArg('first', args.first ?? 20);
      const filter = args.filter ?? {};
      const filedFrom = filter.filedFrom ? dateArg('filter.filedFrom', filter.filedFrom) : undefined;
      const filedTo = filter.filedTo ? dateArg('filter.filedTo', filter.filedTo) : undefined;
      if (filedFrom && filedTo && filedFrom > filedTo) throw badUserInput('filter.filedTo', 'is before filter.filedFrom');
      const after = args.after ? decodeCursor('after', args.after) : undefined;
      const page = await ctx.repository.casePage(
        { courtCode, status: filter.status, type: filter.type, node: filter.node, filedFrom, filedTo },
        first,
        after,
      );
      for (const doc of page.docs) ctx.caseByNumber.prime(doc._id, doc);
      const last = page.docs.at(-1);
      return {
        nodes: page.docs,
        totalCount: page.totalCount,
        pageInfo: { hasNextPage: page.hasNextPage, endCursor: last ? encodeCursor({ filedAt: last.filedAt, caseNumber: last._id }) : null },
      };
    },

    party: (_: unknown, args: { id: string }, ctx: CourtContext) => ctx.partyById.load(partyIdArg('id', args.id)),

    caseParty: (_: unknown, args: { caseNumber: string; partyId: string }, ctx: CourtContext) =>
      casePartyOf({ caseNumber: caseNumberArg('caseNumber', args.caseNumber), partyId: partyIdArg('partyId', args.partyId) }, ctx),

    courts: () => COURTS,
  },

  EnforcementCase: {
    __resolveReference: (ref: { caseNumber: string }, ctx: CourtContext) => ctx.caseByNumber.load(ref.caseNumber),
    caseNumber: (doc: CaseDocument) => doc._id,
    court: (doc: CaseDocument) => courtView(doc.courtCode),
    officer: (doc: CaseDocument, _: unknown, ctx: CourtContext) => ctx.officerById.load(doc.officerId),
    applicants: (doc: CaseDocument) => partiesOf(doc, 'APPLICANT'),
    respondents: (doc: CaseDocument) => partiesOf(doc, 'RESPONDENT'),
    filedOn: (doc: CaseDocument) => doc.filedAt,
  },

  CaseParty: {
    __resolveReference: (ref: CasePartyRef, ctx: CourtContext) => casePartyOf(ref, ctx),
    party: (ref: CasePartyRef, _: unknown, ctx: CourtContext) => ctx.partyById.load(ref.partyId),
    enforcementCase: (ref: CasePartyRef, _: unknown, ctx: CourtContext) => ctx.caseByNumber.load(ref.caseNumber),
    panorama: (ref: CasePartyWithFindings, args: { categories?: AssetCategory[] | null }, ctx: CourtContext) =>
      panorama(ref, args.categories, ctx),
  },

  Party: {
    __resolveReference: (ref: { id: string }, ctx: CourtContext) => ctx.partyById.load(ref.id),
    id: (doc: PartyDocument) => doc._id,
    cases: async (doc: PartyDocument, args: { role?: PartyRole | null; status?: CaseStatus | null }, ctx: CourtContext) => {
      const [asRespondent, asApplicant] = await Promise.all([
        args.role === 'APPLICANT' ? [] : ctx.casesByRespondent.load(doc._id),
        args.role === 'RESPONDENT' ? [] : ctx.casesByApplicant.load(doc._id),
      ]);
      const entries = [
        ...asRespondent.map((c) => ({ doc: c, role: 'RESPONDENT' as const })),
        ...asApplicant.map((c) => ({ doc: c, role: 'APPLICANT' as const })),
      ];
      return entries
        .filter((entry) => !args.status || entry.doc.status === args.status)
        .sort((a, b) => b.doc.filedAt.getTime() - a.doc.filedAt.getTime() || (a.doc._id < b.doc._id ? 1 : -1))
        .map((entry) => ({ caseNumber: entry.doc._id, partyId: doc._id, role: entry.role }));
    },
  },

  Court: {
    __resolveReference: (ref: { code: string }) => courtByCode(ref.code) ?? null,
  },

  Officer: {
    __resolveReference: (ref: { id: string }, ctx: CourtContext) => ctx.officerById.load(ref.id),
    id: (doc: OfficerDocument) => doc._id,
    court: (doc: OfficerDocument) => courtView(doc.courtCode),
  },
};
