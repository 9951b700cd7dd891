import type { RegisterDescriptor } from '../kit/register/findings';

/** What the vehicle registry and the aviation register answer for in this supergraph. */
export const VEHICLE_REGISTER: RegisterDescriptor = {
  agency: 'VEHICLES',
  agencyName: '公安交通管理部门 车辆管理所 / 中国民用航空局 (traffic police vehicle registry; civil aviation authority)',
  name: 'Vehicle',
  controlIdPrefix: 'VH',
  categories: {
    MOTOR_VEHICLE: { typeName: 'MotorVehicle', registerName: '机动车登记信息 motor vehicle register', measures: ['SEAL', 'IMPOUND'] },
    AIRCRAFT: { typeName: 'Aircraft', registerName: '民用航空器国籍登记 civil aircraft register', measures: ['SEAL', 'DETAIN'] },
  },
};
