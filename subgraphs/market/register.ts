import type { RegisterDescriptor } from '../kit/register/findings';

/** What the market regulator, the equity custody centres and the IP registers answer for in this supergraph. */
export const MARKET_REGISTER: RegisterDescriptor = {
  agency: 'MARKET',
  agencyName: '市场监督管理局 / 股权托管中心 / 知识产权局 (market regulator, equity custody centres, IP office)',
  name: 'Market',
  controlIdPrefix: 'MK',
  categories: {
    COMPANY_EQUITY: {
      typeName: 'CompanyEquity',
      registerName: '国家企业信用信息公示系统 股东及出资信息 shareholder register',
      measures: ['FREEZE'],
    },
    UNLISTED_SHARES: { typeName: 'UnlistedShares', registerName: '股权托管登记簿 equity custody register', measures: ['FREEZE'] },
    INTELLECTUAL_PROPERTY: {
      typeName: 'IntellectualProperty',
      registerName: '专利/商标/软件著作权登记簿 patent, trademark and software copyright registers',
      measures: ['FREEZE'],
    },
  },
};
