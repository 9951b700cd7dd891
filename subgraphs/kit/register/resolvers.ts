import { nowOf } from '../../../platform/clock';
import { accessAuditResolvers } from '../audit/auditResolvers';
import { requireAttestedBasis, requireCaseBasis, type EnforcementCaseRef } from '../auth/legalBasis';
import { COURT_STAFF, requireRule } from '../auth/rules';
import { mergeResolvers, type ResolverMap } from '../resolverMaps';
import { registerActionResolvers } from './actionResolvers';
import { askedCategories, findingsOf, names, type RegisterDescriptor } from './findings';
import { investigationResolvers } from './investigationResolvers';
import type { RegisterContext } from './loaders';
import type { AssetDocument, ControlDocument } from './model';
import type { AssetCategory } from '../../../domain/assets';
import { ranked, standing } from './queue';

export interface CasePartyRef {
  caseNumber: string;
  partyId: string;
  /** The court's attestation for the caller, part of the registers' CaseParty key (kit/auth/legalBasis.ts). */
  legalBasis?: string | null;
}

/**
 * Admits a look at a party through a CaseParty: only the court's own roles, and only with the court's
 * attestation that this caller has a basis in this case. A party reached some other way (a referral's
 * suspect, by the police) shows nothing of what the registers hold.
 */
export function admitPartyLook(ctx: RegisterContext, ref: CasePartyRef): void {
  requireRule(ctx, COURT_STAFF, "see a party's assets");
  requireAttestedBasis(ctx, ref);
}

/** An agency's own field about a party: admitted as above, read, and logged with what it returned before it is returned. */
export async function lookAtParty<T>(
  ctx: RegisterContext,
  ref: CasePartyRef,
  look: { answeredBy: string; categories: string[]; operation: string },
  read: () => Promise<T>,
  count: (answer: T) => number,
): Promise<T> {
  admitPartyLook(ctx, ref);
  const answer = await read();
  await ctx.register.accessLog.record(ctx, { subjectId: ref.partyId, caseNumber: ref.caseNumber, ...look, resultCount: count(answer) });
  return answer;
}

/**
 * The resolvers every asset subgraph needs, built from its descriptor: its findings on CaseParty,
 * its controls on EnforcementCase, the shared Asset/Control fields and entity references.
 * An agency merges its own category-specific resolvers with these.
 */
export function registerResolvers(descriptor: RegisterDescriptor): ResolverMap<RegisterContext> {
  const { findingsField, totalsField, controlsField, controlType } = names(descriptor);
  const typeByCategory = new Map(Object.entries(descriptor.categories).map(([category, register]) => [category, register.typeName]));
  const assetFields = (typeName: string) => ({
    __resolveReference: async (ref: { id: string }, ctx: RegisterContext) => {
      const asset = await ctx.register.assetById.load(ref.id);
      return asset && typeByCategory.get(asset.category) === typeName ? asset : null;
    },
    id: (asset: AssetDocument) => asset._id,
    valuationCurrency: () => 'CNY',
    register: (asset: AssetDocument) => ({
      agency: descriptor.agency,
      name: descriptor.categories[asset.category]?.registerName ?? '',
      updatedAt: asset.registerUpdatedAt,
    }),
    controls: async (asset: AssetDocument, _: unknown, ctx: RegisterContext) =>
      ranked(await ctx.register.queueByAsset.load(asset._id)).map((entry) => entry.control),
  });

  // Every answer about a party's assets is logged here, by the agency that gives it (domain.md, access log).
  const findings = async (ref: CasePartyRef, asked: AssetCategory[] | null | undefined, ctx: RegisterContext, operation: string) => {
    admitPartyLook(ctx, ref);
    const categories = askedCategories(descriptor, asked);
    const assets = categories.length > 0 ? await ctx.register.assetsByOwner.load(ref.partyId) : [];
    const answer = findingsOf(descriptor, ref.partyId, categories, assets, nowOf(ctx));
    const resultCount = assets.filter((asset) => categories.includes(asset.category)).length;
    // A filter naming none of this register's categories read nothing, so there is no look to log.
    if (categories.length > 0)
      await ctx.register.accessLog.record(ctx, {
        subjectId: ref.partyId,
        answeredBy: descriptor.agency,
        categories,
        caseNumber: ref.caseNumber,
        operation,
        resultCount,
      });
    return answer;
  };

  const resolvers: ResolverMap<RegisterContext> = {
    CaseParty: {
      // The case in the key is the legal basis of the look-up; it reaches this register with every request.
      [findingsField]: (ref: CasePartyRef, args: { categories?: AssetCategory[] | null }, ctx: RegisterContext) =>
        findings(ref, args.categories, ctx, findingsField),
      [totalsField]: (ref: CasePartyRef, _: unknown, ctx: RegisterContext) => findings(ref, null, ctx, totalsField),
    },
    EnforcementCase: {
      [controlsField]: (ref: EnforcementCaseRef, _: unknown, ctx: RegisterContext) =>
        // A closed case's own measures stay visible to its court, which must lift them.
        ctx.register.controlsByCase.load(requireCaseBasis(ctx, ref.basis, ref.caseNumber, 'release').caseNumber),
    },
    Asset: {
      __resolveType: (asset: AssetDocument) => typeByCategory.get(asset.category) ?? null,
    },
    Control: {
      __resolveType: () => controlType,
    },
    [controlType]: {
      __resolveReference: (ref: { id: string }, ctx: RegisterContext) => ctx.register.controlById.load(ref.id),
      id: (control: ControlDocument) => control._id,
      // Rank and status are read off the asset's queue, so they are right even while a requeue is under way.
      rank: async (control: ControlDocument, _: unknown, ctx: RegisterContext) =>
        standing(control, await ctx.register.queueByAsset.load(control.assetId)).rank,
      status: async (control: ControlDocument, _: unknown, ctx: RegisterContext) =>
        standing(control, await ctx.register.queueByAsset.load(control.assetId)).status,
      exceedsDebt: (control: ControlDocument) => control.exceedsDebt ?? false,
      renewalCount: (control: ControlDocument) => control.renewals?.length ?? 0,
      secondsToExecution: (control: ControlDocument) =>
        control.executedAt ? Math.round((control.executedAt.getTime() - control.requestedAt.getTime()) / 1000) : null,
      asset: (control: ControlDocument, _: unknown, ctx: RegisterContext) => ctx.register.assetById.load(control.assetId),
    },
  };
  for (const typeName of new Set(typeByCategory.values())) resolvers[typeName] = assetFields(typeName);
  const audit = accessAuditResolvers<RegisterContext>(names(descriptor).camel, (ctx) => ctx.register.repository.db);
  return mergeResolvers(resolvers, registerActionResolvers(descriptor), investigationResolvers(descriptor), audit);
}
