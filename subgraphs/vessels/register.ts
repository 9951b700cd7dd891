import type { RegisterDescriptor } from '../kit/register/findings';

/** What the maritime administration and the fishery administration answer for in this supergraph. */
export const VESSEL_REGISTER: RegisterDescriptor = {
  agency: 'VESSELS',
  agencyName: '海事局 / 海洋与渔业局 (maritime administration, fishery administration)',
  name: 'Vessel',
  controlIdPrefix: 'VS',
  categories: {
    MERCHANT_VESSEL: { typeName: 'MerchantVessel', registerName: '船舶登记簿 ship register', measures: ['REGISTRATION_BLOCK', 'DETAIN'] },
    FISHING_VESSEL: { typeName: 'FishingVessel', registerName: '渔船登记簿 fishing vessel register', measures: ['SEAL', 'DETAIN'] },
    FISHING_LICENCE: {
      typeName: 'FishingLicence',
      registerName: '渔业捕捞许可证登记 fishing licence register',
      measures: ['REGISTRATION_BLOCK'],
    },
  },
};
