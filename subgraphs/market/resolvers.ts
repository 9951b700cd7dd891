import type { ResolverMap } from '../kit/resolverMaps';
import { badUserInput } from '../../platform/errors';
import { checkIpNumber, checkUscc, normaliseIpNumber, normaliseUscc } from '../../domain/identifiers';
import { caseNumberArg, identifierArg } from '../kit/validate';
import type { MarketContext } from './loaders';
import type { CompanyEquityDocument } from './model';

function usccArg(field: string, value: string): string {
  const code = normaliseUscc(value);
  const reason = checkUscc(code);
  if (reason) throw badUserInput(field, `not a valid unified social credit code: ${reason}`);
  return code;
}

export const marketResolvers: ResolverMap<MarketContext> = {
  Query: {
    companyEquityOfCompany: (_: unknown, args: { companyId: string; caseNumber: string }, ctx: MarketContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      return ctx.equityByCompany.load(usccArg('companyId', args.companyId));
    },
    intellectualPropertyByNumber: async (_: unknown, args: { number: string; caseNumber: string }, ctx: MarketContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      const asset = await ctx.register.assetById.load(identifierArg('number', args.number, checkIpNumber, normaliseIpNumber));
      return asset?.category === 'INTELLECTUAL_PROPERTY' ? asset : null;
    },
  },
  CompanyEquity: {
    pledged: (equity: CompanyEquityDocument) => equity.pledge !== null,
  },
};
