import { nowOf } from '../../platform/clock';
import type { ResolverMap } from '../kit/resolverMaps';
import { checkBankCard, normaliseBankCard } from '../../domain/identifiers';
import type { RegisterContext } from '../kit/register/loaders';
import type { AssetDocument } from '../kit/register/model';
import { identifierArg } from '../kit/validate';
import { lookUpAsset, type LookupArgs } from '../kit/register/lookups';
import { FINANCE_REGISTER } from './register';
import { ID_SEPARATOR, type BankDepositDocument } from './model';
import { deductFrozenFunds, deductionsOf, type DeductionDocument, type DeductionInput } from './deductions';
import type { ControlDocument } from '../kit/register/model';
import { ranked } from '../kit/register/queue';

/** Registers keep one amount per asset; each type names it the way that register does (balance, principal, …). */
const value = (asset: AssetDocument) => asset.estimatedValue ?? 0;
const idPart = (index: number) => (asset: AssetDocument) => asset._id.split(ID_SEPARATOR)[index] ?? '';

async function frozenAmount(deposit: BankDepositDocument, _: unknown, ctx: RegisterContext): Promise<number> {
  // Only the active freeze holds money; waiting ones attach when it is released.
  const queue = await ctx.register.queueByAsset.load(deposit._id);
  const frozen = ranked(queue)
    .filter((c) => c.status === 'ACTIVE')
    .reduce((sum, c) => sum + (c.control.executedAmount ?? c.control.amount ?? 0), 0);
  return Math.min(deposit.estimatedValue, frozen);
}

export const financeResolvers: ResolverMap<RegisterContext> = {
  Mutation: {
    deductFrozenFunds: (_: unknown, args: { input: DeductionInput }, ctx: RegisterContext) =>
      deductFrozenFunds(ctx, args.input, nowOf(ctx)),
  },
  FinanceControl: {
    deductions: (control: ControlDocument, _: unknown, ctx: RegisterContext) => deductionsOf(ctx.register.repository.db, control),
    deductedAmount: async (control: ControlDocument, _: unknown, ctx: RegisterContext) =>
      (await deductionsOf(ctx.register.repository.db, control)).reduce((sum, d) => sum + d.amount, 0),
  },
  Deduction: {
    transferReference: (deduction: DeductionDocument) => deduction._id,
  },
  Query: {
    bankDepositByAccount: (_: unknown, args: LookupArgs & { accountNumber: string }, ctx: RegisterContext) => {
      const accountNumber = identifierArg('accountNumber', args.accountNumber, checkBankCard, normaliseBankCard);
      return lookUpAsset(ctx, args, { agency: FINANCE_REGISTER.agency, operation: 'bankDepositByAccount' }, async () => {
        const asset = await ctx.register.assetById.load(accountNumber);
        return asset?.category === 'BANK_DEPOSIT' ? asset : null;
      });
    },
  },
  BankDeposit: { balance: value, currency: () => 'CNY', frozenAmount },
  WealthProduct: { principal: value },
  OnlinePaymentAccount: { balance: value },
  DigitalCurrencyWallet: { balance: value },
  BrokerCashAccount: { balance: value },
  FuturesMarginAccount: { marginBalance: value },
  ProvidentFundAccount: { balance: value },
  Receivable: { amount: value },
  SecuritiesHolding: { securitiesAccount: idPart(0), marketValue: value },
  FundUnits: { fundAccount: idPart(0) },
  InsurancePolicy: { cashValue: value, policyholderId: (policy: AssetDocument) => policy.ownerIds[0] },
};
