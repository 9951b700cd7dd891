import type { ResolverMap } from '../kit/resolverMaps';
import { nowOf } from '../../platform/clock';
import { identityOf } from '../../platform/identity';
import { requireCaseBasis } from '../kit/auth/legalBasis';
import { staffOf } from '../kit/auth/rules';
import { checkTaxRefundNumber, normaliseTaxRefundNumber } from '../../domain/identifiers';
import { lookAtParty, type CasePartyRef } from '../kit/register/resolvers';
import { isSettled, issueTaxClearanceCertificate } from '../kit/taxClearance';
import { caseNumberArg, identifierArg, unitNumberArg } from '../kit/validate';
import { lookUpAsset, type LookupArgs } from '../kit/register/lookups';
import { TAXATION_REGISTER } from './register';
import { settleTransferTax, type TransferTaxSettlement } from './clearances';
import type { TaxationContext } from './loaders';
import { clearanceId, type ClearanceDocument, type TaxpayerDocument } from './model';

export const taxationResolvers: ResolverMap<TaxationContext> = {
  Query: {
    taxRefund: (_: unknown, args: LookupArgs & { id: string }, ctx: TaxationContext) => {
      const id = identifierArg('id', args.id, checkTaxRefundNumber, normaliseTaxRefundNumber);
      return lookUpAsset(ctx, args, { agency: TAXATION_REGISTER.agency, operation: 'taxRefund' }, async () => {
        const asset = await ctx.register.assetById.load(id);
        return asset?.category === 'TAX_REFUND' ? asset : null;
      });
    },
    taxClearance: (_: unknown, args: { caseNumber: string; unitId: string; basis?: string | null }, ctx: TaxationContext) => {
      const caseNumber = caseNumberArg('caseNumber', args.caseNumber);
      const unitId = unitNumberArg('unitId', args.unitId);
      // The bureau's own clearances are its staff's business; a court sees those of its cases, on its notice.
      if (!staffOf('TAXATION')(identityOf(ctx))) requireCaseBasis(ctx, args.basis, caseNumber);
      return ctx.clearanceById.load(clearanceId(caseNumber, unitId));
    },
  },
  Mutation: {
    settleTransferTax: (_: unknown, args: { input: TransferTaxSettlement }, ctx: TaxationContext) => {
      const input = {
        ...args.input,
        caseNumber: caseNumberArg('input.caseNumber', args.input.caseNumber),
        unitId: unitNumberArg('input.unitId', args.input.unitId),
      };
      return settleTransferTax(ctx.clearances, input, nowOf(ctx));
    },
  },
  CaseParty: {
    taxRecord: (ref: CasePartyRef, _: unknown, ctx: TaxationContext) =>
      lookAtParty(
        ctx,
        ref,
        { answeredBy: 'TAXATION', categories: ['TAX_RECORD'], operation: 'CaseParty.taxRecord' },
        () => ctx.taxpayerById.load(ref.partyId),
        (record) => (record ? 1 : 0),
      ),
  },
  TaxpayerRecord: {
    taxpayerNumber: (record: TaxpayerDocument) => record._id,
  },
  TaxClearance: {
    settled: (clearance: ClearanceDocument) => isSettled(clearance),
    // Signed on each read rather than stored: Ed25519 signs deterministically, so it is the same token every time.
    certificate: (clearance: ClearanceDocument) =>
      issueTaxClearanceCertificate({
        caseNumber: clearance.caseNumber,
        unitId: clearance.unitId,
        settledOn: clearance.settledOn?.toISOString().slice(0, 10) ?? null,
        taxDue: clearance.taxDue,
        taxPaid: clearance.taxPaid,
      }),
  },
};
