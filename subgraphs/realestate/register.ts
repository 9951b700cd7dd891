import type { RegisterDescriptor } from '../kit/register/findings';

/** What the natural-resources bureau's registries answer for in this supergraph. */
export const REAL_ESTATE_REGISTER: RegisterDescriptor = {
  agency: 'REALESTATE',
  agencyName: '自然资源和规划局 不动产登记中心 (natural resources & planning bureau, real-estate registry)',
  name: 'RealEstate',
  controlIdPrefix: 'RE',
  categories: {
    REAL_ESTATE: { typeName: 'RealEstateUnit', registerName: '不动产登记簿 real-estate register', measures: ['SEAL'] },
    LAND_USE_RIGHT: { typeName: 'LandUseRight', registerName: '不动产登记簿 (土地) land register', measures: ['SEAL'] },
    OFF_PLAN_PROPERTY: {
      typeName: 'OffPlanProperty',
      registerName: '商品房预售合同备案 pre-sale contract filings',
      measures: ['PRE_SEAL'],
    },
    MINING_OR_SEA_RIGHT: {
      typeName: 'MiningOrSeaRight',
      registerName: '矿业权/海域使用权登记 mining and sea-area rights register',
      measures: ['SEAL'],
    },
  },
};
