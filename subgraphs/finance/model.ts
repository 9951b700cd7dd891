import type { AssetDocument } from '../kit/register/model';

/**
 * Documents of the financial institutions and social-security bodies reached through the network
 * enforcement platform (网络执行查控), one collection for their twelve categories. Where the register
 * calls the money a balance, it is stored once, as estimatedValue, and the schema reads it from there.
 */

export type DepositAccountType = 'DEBIT_CARD' | 'CURRENT' | 'TIME_DEPOSIT';
export type PaymentPlatform = 'ALIPAY' | 'WECHAT_PAY' | 'UNIONPAY' | 'JD_PAY';
export type ReceivableKind = 'WAGES' | 'TRADE_DEBT' | 'LOAN';

/** A money asset always has a known value, unlike the social-insurance record. */
interface MoneyDocument extends AssetDocument {
  estimatedValue: number; // fen
}

/** 银行存款: keyed by the account (card) number, 16-19 digits with a Luhn check digit. */
export interface BankDepositDocument extends MoneyDocument {
  category: 'BANK_DEPOSIT';
  bank: string;
  branch: string;
  accountType: DepositAccountType;
}

/** 银行理财产品: keyed by `${productCode}:${partyId}`, since a product code alone names many holdings. */
export interface WealthProductDocument extends MoneyDocument {
  category: 'WEALTH_PRODUCT';
  bank: string;
  productCode: string;
  productName: string;
  maturesOn: Date;
}

/** 网络支付账户: keyed by `${platform}:${userId}`. */
export interface OnlinePaymentDocument extends MoneyDocument {
  category: 'ONLINE_PAYMENT';
  platform: PaymentPlatform;
  userId: string;
  boundPhone: string;
}

/** 数字人民币钱包: keyed by the 16-digit wallet id. */
export interface DigitalCurrencyDocument extends MoneyDocument {
  category: 'DIGITAL_CURRENCY';
  operatingBank: string;
  /** 1 (full identity check, no limit) to 4 (anonymous, small limits). */
  walletLevel: number;
}

/** 证券资金账户: keyed by the broker's cash account number. */
export interface BrokerCashDocument extends MoneyDocument {
  category: 'BROKER_CASH';
  broker: string;
}

/** 期货保证金账户: keyed by the futures company's account number. */
export interface FuturesMarginDocument extends MoneyDocument {
  category: 'FUTURES_MARGIN';
  futuresCompany: string;
}

/** 住房公积金: keyed by the personal fund account number. */
export interface ProvidentFundDocument extends MoneyDocument {
  category: 'PROVIDENT_FUND';
  fundCentre: string;
  monthlyContribution: number; // fen, employer and employee together
  /** The fund may be deducted only when a withdrawal condition (retirement, house purchase, …) holds. */
  withdrawalConditionMet: boolean;
}

/** 社会保险参保记录: keyed by the social security number (the citizen ID for persons); worth nothing itself. */
export interface SocialInsuranceDocument extends AssetDocument {
  category: 'SOCIAL_INSURANCE';
  estimatedValue: null;
  employerName: string;
  employerId: string; // USCC
  contributionBase: number; // fen per month, the declared wage
  lastPaidMonth: string; // YYYY-MM
}

/** 到期债权 / 收入: money a third party owes the debtor; keyed by `${kind}:${thirdPartyId}:${partyId}`. */
export interface ReceivableDocument extends MoneyDocument {
  category: 'RECEIVABLE';
  kind: ReceivableKind;
  thirdPartyName: string;
  thirdPartyId: string;
  dueOn: Date;
}

/** 证券持仓: keyed by `${一码通 account}:${security code}`. */
export interface SecuritiesDocument extends MoneyDocument {
  category: 'SECURITIES';
  broker: string;
  securityCode: string;
  securityName: string;
  quantity: number;
  /** Shares pledged (股票质押); the pledgee ranks ahead of a court for their value. */
  pledgedQuantity: number;
}

/** 基金份额: keyed by `${fund account}:${fund code}`. */
export interface FundUnitsDocument extends MoneyDocument {
  category: 'FUND_UNITS';
  fundManager: string;
  fundCode: string;
  fundName: string;
  units: number;
  netAssetValue: number; // yuan per unit
}

/** 保单现金价值: keyed by the policy number; the holder is the policyholder (投保人). */
export interface InsurancePolicyDocument extends MoneyDocument {
  category: 'INSURANCE_CASH_VALUE';
  insurer: string;
  productName: string;
}

export type FinanceAsset =
  | BankDepositDocument
  | WealthProductDocument
  | OnlinePaymentDocument
  | DigitalCurrencyDocument
  | BrokerCashDocument
  | FuturesMarginDocument
  | ProvidentFundDocument
  | SocialInsuranceDocument
  | ReceivableDocument
  | SecuritiesDocument
  | FundUnitsDocument
  | InsurancePolicyDocument;

/** Ids built from two identifiers join them with this separator. */
export const ID_SEPARATOR = ':';
