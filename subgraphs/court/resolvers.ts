import type { ResolverMap } from '../kit/resolverMaps';
import { badUserInput } from '../../platform/errors';
import { COURTS, courtByCode, type Court } from '../../domain/identifiers';
import { caseNumberArg, courtCodeArg, dateArg, pageSizeArg, partyIdArg } from '../kit/validate';
import { identityOf, type IdentityScope } from '../../platform/identity';
import { attestCaseBasis, attestLegalBasis } from '../kit/auth/legalBasis';
import { debtPlusCosts } from '../../domain/enforcementFee';
import { caseAccountOf } from './caseAccount';
import { nowOf, type ClockScope } from '../../platform/clock';
import { forbidden } from '../kit/auth/rules';
import { hasLegalBasis, isCaseOfYours, requireLegalBasis, requireOwnCourt } from './access';
import { decodeCursor, encodeCursor } from './cursor';
import { caseStatistics } from './statistics';
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

type Ctx = CourtContext & IdentityScope & ClockScope;

/** The open cases naming a party through which the caller has a legal basis to see them. */
async function basisCases(partyId: string, ctx: Ctx): Promise<CaseDocument[]> {
  const identity = identityOf(ctx);
  const [asRespondent, asApplicant] = await Promise.all([ctx.casesByRespondent.load(partyId), ctx.casesByApplicant.load(partyId)]);
  return [...asRespondent, ...asApplicant].filter((doc) => hasLegalBasis(identity, doc));
}

export const courtResolvers: ResolverMap<Ctx> = {
  Query: {
    enforcementCase: async (_: unknown, args: { caseNumber: string }, ctx: Ctx) => {
      const doc = await ctx.caseByNumber.load(caseNumberArg('caseNumber', args.caseNumber));
      if (doc) requireOwnCourt(ctx, doc.courtCode);
      return doc;
    },

    casesOfCourt: async (
      _: unknown,
      args: { courtCode: string; filter?: CaseFilterInput | null; first?: number | null; after?: string | null },
      ctx: Ctx,
    ) => {
      const courtCode = courtCodeArg('courtCode', args.courtCode);
      requireOwnCourt(ctx, courtCode);
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

    party: async (_: unknown, args: { id: string }, ctx: Ctx) => {
      const id = partyIdArg('id', args.id);
      const doc = await ctx.partyById.load(id);
      // Nobody and somebody of no case of yours read alike: whether a person is a party anywhere is personal data.
      const [basis] = doc ? await basisCases(doc._id, ctx) : [];
      if (!doc || !basis) throw forbidden(`no open case of yours names party ${id}`);
      await ctx.accessLog.record(ctx, {
        subjectId: doc._id,
        answeredBy: 'COURT',
        categories: ['IDENTITY'],
        caseNumber: basis._id,
        operation: 'party',
        resultCount: 1,
      });
      return doc;
    },

    caseParty: async (_: unknown, args: { caseNumber: string; partyId: string }, ctx: Ctx) => {
      const ref = { caseNumber: caseNumberArg('caseNumber', args.caseNumber), partyId: partyIdArg('partyId', args.partyId) };
      const doc = await ctx.caseByNumber.load(ref.caseNumber);
      if (doc) requireLegalBasis(ctx, doc);
      return casePartyOf(ref, ctx);
    },

    courts: () => COURTS,

    caseStatistics: (_: unknown, args: { courtCode?: string | null }, ctx: Ctx) =>
      caseStatistics(ctx.repository.cases, args.courtCode, ctx),
  },

  EnforcementCase: {
    __resolveReference: (ref: { caseNumber: string }, ctx: CourtContext) => ctx.caseByNumber.load(ref.caseNumber),
    caseNumber: (doc: CaseDocument) => doc._id,
    court: (doc: CaseDocument) => courtView(doc.courtCode),
    officer: (doc: CaseDocument, _: unknown, ctx: CourtContext) => ctx.officerById.load(doc.officerId),
    // The parties are the way to their identities and assets, so they need the legal basis, not just the court.
    applicants: (doc: CaseDocument, _: unknown, ctx: Ctx) => (requireLegalBasis(ctx, doc), partiesOf(doc, 'APPLICANT')),
    respondents: (doc: CaseDocument, _: unknown, ctx: Ctx) => (requireLegalBasis(ctx, doc), partiesOf(doc, 'RESPONDENT')),
    filedOn: (doc: CaseDocument) => doc.filedAt,
    basis: (doc: CaseDocument, _: unknown, ctx: Ctx) => {
      const identity = identityOf(ctx);
      // A closed case of yours still needs its measures lifted: its notice allows that and nothing else.
      if (!isCaseOfYours(identity, doc)) return null;
      const basis = {
        userId: identity.userId,
        courtCode: doc.courtCode,
        caseNumber: doc._id,
        respondentIds: doc.respondentIds,
        debtPlusCosts: debtPlusCosts(doc.amountOwed),
        caseAccount: caseAccountOf(doc._id),
        releaseOnly: !hasLegalBasis(identity, doc),
      };
      return attestCaseBasis(basis, nowOf(ctx));
    },
  },

  CaseParty: {
    __resolveReference: (ref: CasePartyRef, ctx: CourtContext) => casePartyOf(ref, ctx),
    party: async (ref: CasePartyRef, _: unknown, ctx: Ctx) => {
      const doc = await ctx.caseByNumber.load(ref.caseNumber);
      const identity = identityOf(ctx);
      // A referral is the police's and the procuratorate's basis for knowing whom it names (its suspect).
      const referralReader =
        identity.roles.includes('AGENCY_STAFF') && (identity.agency === 'POLICE' || identity.agency === 'PROCURATORATE');
      if (doc && !referralReader) requireLegalBasis(ctx, doc);
      const party = await ctx.partyById.load(ref.partyId);
      if (party)
        await ctx.accessLog.record(ctx, {
          subjectId: party._id,
          answeredBy: 'COURT',
          categories: ['IDENTITY'],
          caseNumber: ref.caseNumber,
          operation: 'CaseParty.party',
          resultCount: 1,
        });
      return party;
    },
    enforcementCase: (ref: CasePartyRef, _: unknown, ctx: CourtContext) => ctx.caseByNumber.load(ref.caseNumber),
    legalBasis: async (ref: CasePartyRef, _: unknown, ctx: Ctx) => {
      const doc = await ctx.caseByNumber.load(ref.caseNumber);
      const identity = identityOf(ctx);
      if (!doc || !hasLegalBasis(identity, doc)) return null;
      return attestLegalBasis({ caseNumber: ref.caseNumber, partyId: ref.partyId, userId: identity.userId }, nowOf(ctx));
    },
  },

  Party: {
    __resolveReference: (ref: { id: string }, ctx: CourtContext) => ctx.partyById.load(ref.id),
    id: (doc: PartyDocument) => doc._id,
    cases: async (doc: PartyDocument, args: { role?: PartyRole | null; status?: CaseStatus | null }, ctx: Ctx) => {
      const [asRespondent, asApplicant] = await Promise.all([
        args.role === 'APPLICANT' ? [] : ctx.casesByRespondent.load(doc._id),
        args.role === 'RESPONDENT' ? [] : ctx.casesByApplicant.load(doc._id),
      ]);
      const entries = [
        ...asRespondent.map((c) => ({ doc: c, role: 'RESPONDENT' as const })),
        ...asApplicant.map((c) => ({ doc: c, role: 'APPLICANT' as const })),
      ];
      const identity = identityOf(ctx);
      return entries
        .filter((entry) => hasLegalBasis(identity, entry.doc))
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
