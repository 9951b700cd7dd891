import { randomDigits, type Random } from '../../domain/identifiers';
import type { VehicleType } from '../../subgraphs/vehicles/model';

/**
 * Models the synthetic register draws from, with rough new prices in yuan. Plausible practice
 * figures for a spread of values, not market data. Plug-in hybrids and range extenders get the
 * green new-energy plates as battery cars do.
 */
export interface VehicleModel {
  make: string;
  model: string;
  type: VehicleType;
  priceYuan: number;
  newEnergy: boolean;
}

const row = (type: VehicleType, make: string, model: string, priceYuan: number, newEnergy = false): VehicleModel => ({
  make,
  model,
  type,
  priceYuan,
  newEnergy,
});

export const VEHICLE_MODELS: readonly VehicleModel[] = [
  row('CAR', '比亚迪', '秦PLUS DM-i', 100_000, true),
  row('CAR', '比亚迪', '汉EV', 220_000, true),
  row('CAR', '吉利', '帝豪', 75_000),
  row('CAR', '吉利', '星瑞', 130_000),
  row('CAR', '长安', '逸动', 80_000),
  row('CAR', '大众', '朗逸', 120_000),
  row('CAR', '大众', '帕萨特', 200_000),
  row('CAR', '丰田', '卡罗拉', 120_000),
  row('CAR', '丰田', '凯美瑞', 190_000),
  row('CAR', '本田', '雅阁', 180_000),
  row('CAR', '特斯拉', 'Model 3', 250_000, true),
  row('CAR', '宝马', '5系', 430_000),
  row('SUV', '比亚迪', '宋PLUS DM-i', 150_000, true),
  row('SUV', '吉利', '博越', 110_000),
  row('SUV', '长安', 'CS75 PLUS', 120_000),
  row('SUV', '大众', '途观L', 220_000),
  row('SUV', '丰田', 'RAV4荣放', 190_000),
  row('SUV', '理想', 'L7', 330_000, true),
  row('SUV', '奔驰', 'GLC', 430_000),
  row('VAN', '五菱', '宏光', 50_000),
  row('VAN', '上汽大通', 'V80', 150_000),
  row('VAN', '福田', '图雅诺', 130_000),
  row('VAN', '长安', '睿行EM60', 90_000, true),
  row('TRUCK', '解放', 'J6P', 400_000),
  row('TRUCK', '东风', '天龙KL', 380_000),
  row('TRUCK', '中国重汽', '豪沃TX', 350_000),
  row('TRUCK', '福田', '欧曼EST', 360_000),
  row('TRUCK', '陕汽', '德龙X3000', 420_000),
  row('TRUCK', '江淮', '帅铃', 110_000),
  row('TRUCK', '福田', '奥铃', 100_000),
  row('BUS', '宇通', 'ZK6122H9', 900_000),
  row('BUS', '宇通', 'E12', 1_200_000, true),
  row('BUS', '金龙', 'XMQ6127', 850_000),
  row('MOTORCYCLE', '豪爵', 'UHR150', 14_000),
  row('MOTORCYCLE', '春风', '250SR', 20_000),
  row('MOTORCYCLE', '钱江', 'QJ350', 30_000),
];

/** Share of value lost per year, by type: commercial vehicles wear faster than private cars. */
export const DEPRECIATION: Readonly<Record<VehicleType, number>> = {
  CAR: 0.15,
  SUV: 0.15,
  VAN: 0.17,
  TRUCK: 0.18,
  BUS: 0.15,
  MOTORCYCLE: 0.2,
};

export const PERSON_TYPES: readonly (readonly [VehicleType, number])[] = [
  ['CAR', 55],
  ['SUV', 35],
  ['MOTORCYCLE', 7],
  ['VAN', 3],
];
export const COMPANY_TYPES: readonly (readonly [VehicleType, number])[] = [
  ['TRUCK', 60],
  ['VAN', 20],
  ['CAR', 10],
  ['SUV', 7],
  ['BUS', 3],
];
export const COLOURS: readonly (readonly [string, number])[] = [
  ['白', 35],
  ['黑', 25],
  ['灰', 15],
  ['银', 10],
  ['蓝', 8],
  ['红', 7],
];

/** Captive finance companies lend on their own brands; other loans come from banks. */
export const AUTO_FINANCE: Readonly<Record<string, string>> = {
  大众: '大众汽车金融（中国）有限公司',
  丰田: '丰田汽车金融（中国）有限公司',
  比亚迪: '比亚迪汽车金融有限公司',
  吉利: '吉利汽车金融有限公司',
  长安: '长安汽车金融有限公司',
  宝马: '宝马汽车金融（中国）有限公司',
};

export interface AircraftModel {
  manufacturer: string;
  model: string;
  maxTakeoffWeight: number; // kg
  priceYuan: number;
  serialNumber: (random: Random) => string;
  /** Relative frequency: general aviation types dominate a provincial register. */
  weight: number;
}

export const AIRCRAFT_MODELS: readonly AircraftModel[] = [
  {
    manufacturer: 'Textron Aviation (Cessna)',
    model: 'Cessna 208B',
    maxTakeoffWeight: 3_985,
    priceYuan: 18_000_000,
    serialNumber: (r) => `208B${randomDigits(r, 4)}`,
    weight: 30,
  },
  {
    manufacturer: 'Textron Aviation (Cessna)',
    model: 'Cessna 172S',
    maxTakeoffWeight: 1_157,
    priceYuan: 3_000_000,
    serialNumber: (r) => `172S${randomDigits(r, 5)}`,
    weight: 30,
  },
  {
    manufacturer: 'Robinson Helicopter',
    model: 'Robinson R44 II',
    maxTakeoffWeight: 1_134,
    priceYuan: 3_500_000,
    serialNumber: (r) => `1${randomDigits(r, 4)}`,
    weight: 25,
  },
  {
    manufacturer: 'Diamond Aircraft',
    model: 'DA42 NG',
    maxTakeoffWeight: 1_999,
    priceYuan: 6_000_000,
    serialNumber: (r) => `42.N${randomDigits(r, 3)}`,
    weight: 10,
  },
  {
    manufacturer: '中国商飞 COMAC',
    model: 'ARJ21-700',
    maxTakeoffWeight: 43_500,
    priceYuan: 250_000_000,
    serialNumber: (r) => `1${randomDigits(r, 2)}`,
    weight: 4,
  },
  {
    manufacturer: '中国商飞 COMAC',
    model: 'C919',
    maxTakeoffWeight: 72_500,
    priceYuan: 650_000_000,
    serialNumber: (r) => `101${randomDigits(r, 2)}`,
    weight: 1,
  },
];

/** Airports and general-aviation fields by city code; cities without one fly from Hangzhou. */
export const BASE_AIRPORTS: Readonly<Record<string, readonly string[]>> = {
  '01': ['杭州萧山国际机场', '建德千岛湖通用机场'],
  '02': ['宁波栎社国际机场'],
  '03': ['温州龙湾国际机场'],
  '05': ['德清莫干山通用机场'],
  '07': ['义乌机场'],
  '08': ['衢州机场'],
  '09': ['舟山普陀山机场'],
  '10': ['台州路桥机场'],
};
