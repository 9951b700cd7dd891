import type { RegisterDescriptor } from '../kit/register/findings';

/** What the financial institutions and social-security bodies answer for through the network enforcement platform. */
export const FINANCE_REGISTER: RegisterDescriptor = {
  agency: 'FINANCE',
  agencyName: '金融机构及社保机构 (banks, payment institutions, brokers, fund managers, insurers, provident fund and social security)',
  name: 'Finance',
  controlIdPrefix: 'FI',
  // Banks and payment institutions answer the network platform at once (网络查控).
  answersOnline: ['FREEZE', 'WITHHOLD'],
  categories: {
    BANK_DEPOSIT: { typeName: 'BankDeposit', registerName: '银行账户 bank accounts', measures: ['FREEZE'] },
    WEALTH_PRODUCT: { typeName: 'WealthProduct', registerName: '银行理财产品 bank wealth-management products', measures: ['FREEZE'] },
    ONLINE_PAYMENT: { typeName: 'OnlinePaymentAccount', registerName: '网络支付账户 payment-institution accounts', measures: ['FREEZE'] },
    DIGITAL_CURRENCY: { typeName: 'DigitalCurrencyWallet', registerName: '数字人民币钱包 e-CNY wallets', measures: ['FREEZE'] },
    BROKER_CASH: { typeName: 'BrokerCashAccount', registerName: '证券资金账户 broker cash accounts', measures: ['FREEZE'] },
    FUTURES_MARGIN: { typeName: 'FuturesMarginAccount', registerName: '期货保证金账户 futures margin accounts', measures: ['FREEZE'] },
    PROVIDENT_FUND: {
      typeName: 'ProvidentFundAccount',
      registerName: '住房公积金账户 housing provident fund accounts',
      measures: ['FREEZE'],
    },
    SOCIAL_INSURANCE: { typeName: 'SocialInsuranceRecord', registerName: '社会保险参保登记 social-insurance enrolment', measures: [] },
    RECEIVABLE: { typeName: 'Receivable', registerName: '到期债权及收入 wages and debts owed by third parties', measures: ['WITHHOLD'] },
    SECURITIES: { typeName: 'SecuritiesHolding', registerName: '证券登记结算 securities depository (一码通)', measures: ['FREEZE'] },
    FUND_UNITS: { typeName: 'FundUnits', registerName: '基金份额登记 fund transfer-agent register', measures: ['FREEZE'] },
    INSURANCE_CASH_VALUE: { typeName: 'InsurancePolicy', registerName: '保险合同 insurance policies', measures: ['FREEZE'] },
  },
};
