import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { badUserInput } from '../kit/errors';
import { checkTaxRefundNumber, checkUnitNumber, normaliseTaxRefundNumber, normaliseUnitNumber } from '../kit/identifiers';
import { mergeResolvers } from '../kit/resolverMaps';
import { registerResolvers } from '../kit/register/resolvers';
import { caseNumberArg } from '../kit/validate';
import type { TaxationContext } from './loaders';
import { clearanceId, type ClearanceDocument, type TaxpayerDocument } from './model';
import { TAXATION_REGISTER } from './register';

function refundNumberArg(field: string, value: string): string {
  const id = normaliseTaxRefundNumber(value);
  const reason = checkTaxRefundNumber(id);
  if (reason) throw badUserInput(field, reason);
  return id;
}

function unitNumberArg(field: string, value: string): string {
  const id = normaliseUnitNumber(value);
  const reason = checkUnitNumber(id);
  if (reason) throw badUserInput(field, reason);
  return id;
}

const taxationOwn: GraphQLResolverMap<TaxationContext> = {
  Query: {
    taxRefund: async (_: unknown, args: { id: string; caseNumber: string }, ctx: TaxationContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      const asset = await ctx.register.assetById.load(refundNumberArg('id', args.id));
      return asset?.category === 'TAX_REFUND' ? asset : null;
    },
    taxClearance: (_: unknown, args: { caseNumber: string; unitId: string }, ctx: TaxationContext) => {
      const caseNumber = caseNumberArg('caseNumber', args.caseNumber);
      return ctx.clearanceById.load(clearanceId(caseNumber, unitNumberArg('unitId', args.unitId)));
    },
  },
  CaseParty: {
    taxRecord: (ref: { partyId: string }, _: unknown, ctx: TaxationContext) => ctx.taxpayerById.load(ref.partyId),
  },
  TaxpayerRecord: {
    taxpayerNumber: (record: TaxpayerDocument) => record._id,
  },
  TaxClearance: {
    // Paid in full, not merely marked: a partial payment leaves the transfer blocked.
    settled: (clearance: ClearanceDocument) => clearance.settledOn !== null && clearance.taxPaid >= clearance.taxDue,
  },
};

export const taxationResolvers: GraphQLResolverMap<TaxationContext> = mergeResolvers<TaxationContext>(registerResolvers(TAXATION_REGISTER), taxationOwn);
