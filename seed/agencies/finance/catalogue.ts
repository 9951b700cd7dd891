import type { BankCode } from '../../../domain/identifiers';
import type { PaymentPlatform } from '../../../subgraphs/finance/model';

/**
 * Names the synthetic financial holdings are drawn from. Institutions are real names so that notices
 * read naturally; every holding, account number and amount is synthetic. Prices are plausible round
 * figures for a spread of values, not market data.
 */

/** The banks whose BINs the kit's card generator knows (see kit/identifiers/bankCard.ts). */
export const BANK_NAMES: Record<BankCode, string> = {
  ICBC: '中国工商银行',
  ABC: '中国农业银行',
  CCB: '中国建设银行',
  BOC: '中国银行',
  CMB: '招商银行',
};

export const PAYMENT_PLATFORMS: readonly (readonly [PaymentPlatform, number])[] = [
  ['ALIPAY', 55],
  ['WECHAT_PAY', 38],
  ['UNIONPAY', 4],
  ['JD_PAY', 3],
];

/** 数字人民币运营机构 (operating institutions of the e-CNY). */
export const ECNY_OPERATORS = [
  '中国工商银行',
  '中国农业银行',
  '中国银行',
  '中国建设银行',
  '交通银行',
  '中国邮政储蓄银行',
  '招商银行',
  '浙江网商银行',
  '深圳前海微众银行',
];

/** Balance caps per e-CNY wallet level in fen; level 1 has none. */
export const WALLET_BALANCE_CAPS: Record<number, number> = { 1: Number.POSITIVE_INFINITY, 2: 500_000_00, 3: 20_000_00, 4: 10_000_00 };

export const BROKERS = ['中信证券', '国泰君安证券', '华泰证券', '浙商证券', '财通证券', '东方财富证券', '银河证券'];

export const FUTURES_COMPANIES = ['永安期货', '南华期货', '中信期货', '浙商期货', '国泰君安期货'];

export const WEALTH_PRODUCT_NAMES = ['稳利', '添利', '安盈', '鑫益', '睿享', '恒丰'];

/** [security code, name, price in yuan]. */
export const SECURITIES: readonly (readonly [string, string, number])[] = [
  ['600036', '招商银行', 35],
  ['601318', '中国平安', 48],
  ['600519', '贵州茅台', 1500],
  ['000858', '五粮液', 140],
  ['002415', '海康威视', 30],
  ['300750', '宁德时代', 220],
  ['600000', '浦发银行', 9],
  ['601988', '中国银行', 5],
  ['002594', '比亚迪', 260],
  ['600309', '万华化学', 75],
  ['688981', '中芯国际', 85],
  ['000001', '平安银行', 11],
];

/** [fund manager, fund code, fund name, net asset value per unit in yuan]. */
export const FUNDS: readonly (readonly [string, string, string, number])[] = [
  ['易方达基金', '110022', '易方达消费行业股票', 3.4512],
  ['华夏基金', '000001', '华夏成长混合', 1.0834],
  ['天弘基金', '000198', '天弘余额宝货币', 1.0],
  ['南方基金', '202001', '南方稳健成长混合', 1.2756],
  ['汇添富基金', '519069', '汇添富价值精选混合', 2.1873],
  ['博时基金', '050002', '博时沪深300指数', 1.5421],
];

export const INSURERS = ['中国人寿保险', '中国平安人寿保险', '中国太平洋人寿保险', '新华人寿保险', '泰康人寿保险'];
export const INSURANCE_PRODUCTS = ['终身寿险', '年金保险(分红型)', '两全保险', '重大疾病保险', '增额终身寿险'];
