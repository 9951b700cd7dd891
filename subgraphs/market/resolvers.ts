import type { ResolverMap } from '../kit/resolverMaps';
import { badUserInput } from '../../platform/errors';
import { checkIpNumber, checkUscc, normaliseIpNumber, normaliseUscc } from '../../domain/identifiers';
import { identifierArg } from '../kit/validate';
import { lookUpAsset, lookUpAssets, type LookupArgs } from '../kit/register/lookups';
import { MARKET_REGISTER } from './register';
import type { MarketContext } from './loaders';
import type { CompanyEquityDocument } from './model';

function usccArg(field: string, value: string): string {
  const code = normaliseUscc(value);
  const reason = checkUscc(code);
  if (reason) throw badUserInput(field, `not a valid unified social credit code: ${reason}`);
  return code;
}

const look = (operation: string) => ({ agency: MARKET_REGISTER.agency, operation });

export const marketResolvers: ResolverMap<MarketContext> = {
  Query: {
    // Only the respondents' stakes in the company: its other shareholders are nobody's business in this case.
    companyEquityOfCompany: (_: unknown, args: LookupArgs & { companyId: string }, ctx: MarketContext) => {
      const companyId = usccArg('companyId', args.companyId);
      return lookUpAssets(ctx, args, look('companyEquityOfCompany'), () => ctx.equityByCompany.load(companyId));
    },
    intellectualPropertyByNumber: (_: unknown, args: LookupArgs & { number: string }, ctx: MarketContext) => {
      const number = identifierArg('number', args.number, checkIpNumber, normaliseIpNumber);
      return lookUpAsset(ctx, args, look('intellectualPropertyByNumber'), async () => {
        const asset = await ctx.register.assetById.load(number);
        return asset?.category === 'INTELLECTUAL_PROPERTY' ? asset : null;
      });
    },
  },
  CompanyEquity: {
    pledged: (equity: CompanyEquityDocument) => equity.pledge !== null,
  },
};
