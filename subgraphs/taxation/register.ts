import type { RegisterDescriptor } from '../kit/register/findings';

/** What the tax bureau answers for in this supergraph. */
export const TAXATION_REGISTER: RegisterDescriptor = {
  agency: 'TAXATION',
  agencyName: '国家税务总局浙江省税务局 (tax bureau)',
  name: 'Tax',
  controlIdPrefix: 'TX',
  categories: {
    TAX_REFUND: { typeName: 'TaxRefund', registerName: '退税审批台账 approved tax refunds', measures: ['FREEZE'] },
  },
};
