import type { FinanceAsset } from '../../../subgraphs/finance/model';
import type { AssetCategory } from '../../../domain/assets';
import type { CoverageMaker } from '../../coverage';
import { bankDeposit, digitalCurrency, onlinePayment, wealthProduct } from './deposits';
import type { Draw } from './draw';
import { debtOwed, providentFund, socialInsurance } from './employment';
import { brokerCash, fundUnits, futuresMargin, insurancePolicy, securitiesAccount } from './investments';

/**
 * One holding of each category for a party, standing alone, for ensureEachCategoryHeld. Personal payment
 * accounts, e-CNY wallets, provident fund, social insurance and life policies go to persons only.
 */
export function coverageMakers(draw: Draw): Partial<Record<AssetCategory, CoverageMaker<FinanceAsset>>> {
  return {
    BANK_DEPOSIT: { make: (holder) => bankDeposit(draw, holder) },
    WEALTH_PRODUCT: { make: (holder) => wealthProduct(draw, holder) },
    ONLINE_PAYMENT: { kind: 'PERSON', make: (holder) => onlinePayment(draw, holder) },
    DIGITAL_CURRENCY: { kind: 'PERSON', make: (holder) => digitalCurrency(draw, holder) },
    BROKER_CASH: { make: (holder) => brokerCash(draw, holder) },
    FUTURES_MARGIN: { make: (holder) => futuresMargin(draw, holder) },
    PROVIDENT_FUND: { kind: 'PERSON', make: (holder) => providentFund(draw, holder) },
    SOCIAL_INSURANCE: { kind: 'PERSON', make: (holder) => socialInsurance(draw, holder) },
    RECEIVABLE: {
      make: (holder) => {
        for (;;) {
          const debt = debtOwed(draw, holder); // null only when the draw named the holder itself
          if (debt) return debt;
        }
      },
    },
    // The first of a new account's holdings is enough to cover the category.
    SECURITIES: { make: (holder) => securitiesAccount(draw, holder)[0] },
    FUND_UNITS: { make: (holder) => fundUnits(draw, holder) },
    INSURANCE_CASH_VALUE: { kind: 'PERSON', make: (holder) => insurancePolicy(draw, holder) },
  };
}
