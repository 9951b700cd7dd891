import {
  generatePatentNumber,
  generateSoftwareCopyrightNumber,
  generateTrademarkNumber,
  weightedPick,
  type PatentKind,
  type Random,
} from '../../domain/identifiers';
import type { IntellectualPropertyDocument, IntellectualPropertyKind } from '../../subgraphs/market/model';
import type { PoolParty } from '../pool';
import { addDays, addYears } from '../world';

const INVENTIONS = [
  '纺织机械的张力控制装置',
  '水产品低温保鲜方法',
  '电路板自动检测设备',
  '建筑模板快速拼装结构',
  '化工废水处理工艺',
  '服装智能裁剪系统',
  '物流分拣机器人',
  '食品包装密封机构',
];
const DESIGNS = ['包装盒', '台灯', '茶具', '运动鞋', '电动车外壳', '手提包'];
const MARKS = ['华鼎', '恒信', '瑞丰', '嘉诚', '锦程', '远航', '润泰', '宏源', '海天星', '浙韵'];
const SOFTWARE = ['仓储管理系统', '智能监控平台', '电商订单处理软件', '生产排程系统', '财务核算软件'];

/** Protection runs from the filing date: invention 20 years, utility model 10, design 15 (10 if filed before June 2021). */
const PATENT_TERMS: Readonly<Record<PatentKind, { years: number; grantLagDays: [number, number]; yuan: [number, number] }>> = {
  INVENTION_PATENT: { years: 20, grantLagDays: [600, 1300], yuan: [50_000, 2_000_000] },
  UTILITY_MODEL: { years: 10, grantLagDays: [150, 360], yuan: [10_000, 200_000] },
  DESIGN_PATENT: { years: 15, grantLagDays: [90, 300], yuan: [5_000, 100_000] },
};
const DESIGN_TERM_CHANGE = new Date('2021-06-01T00:00:00.000Z');

function yuanToFen(random: Random, [min, max]: [number, number]): number {
  return Math.round(min + random.next() * (max - min)) * 100;
}

function patent(random: Random, kind: PatentKind, asOf: Date) {
  const terms = PATENT_TERMS[kind];
  const lag = random.int(...terms.grantLagDays);
  // Granted and still in force at asOf: filed at least the grant lag ago and within the shortest term (10 years).
  const filedOn = addDays(asOf, -random.int(lag + 30, 10 * 365 - 30));
  const years = kind === 'DESIGN_PATENT' && filedOn < DESIGN_TERM_CHANGE ? 10 : terms.years;
  return {
    _id: generatePatentNumber(random, kind, filedOn.getUTCFullYear()),
    title: kind === 'DESIGN_PATENT' ? random.pick(DESIGNS) : `一种${random.pick(INVENTIONS)}`,
    registeredOn: addDays(filedOn, lag),
    expiresOn: addYears(filedOn, years),
    value: yuanToFen(random, terms.yuan),
  };
}

function trademark(random: Random, asOf: Date) {
  const registeredOn = addDays(asOf, -random.int(60, 3600));
  return {
    _id: generateTrademarkNumber(random),
    title: random.pick(MARKS),
    registeredOn,
    expiresOn: addDays(addYears(registeredOn, 10), -1),
    value: yuanToFen(random, [10_000, 1_000_000]),
  };
}

function softwareCopyright(random: Random, asOf: Date) {
  const registeredOn = addDays(asOf, -random.int(30, 3000));
  // A legal person's software is protected to the end of the 50th year after first publication, taken as registration.
  const expiresOn = new Date(Date.UTC(registeredOn.getUTCFullYear() + 50, 11, 31));
  return {
    _id: generateSoftwareCopyrightNumber(random, registeredOn.getUTCFullYear()),
    title: `${random.pick(MARKS)}${random.pick(SOFTWARE)}V${random.int(1, 3)}.0`,
    registeredOn,
    expiresOn,
    value: yuanToFen(random, [10_000, 500_000]),
  };
}

const ORGANISATION_IP_KINDS: readonly (readonly [IntellectualPropertyKind, number])[] = [
  ['INVENTION_PATENT', 25],
  ['UTILITY_MODEL', 35],
  ['DESIGN_PATENT', 15],
  ['TRADEMARK', 25],
];

export function intellectualProperty(
  random: Random,
  holder: PoolParty,
  kind: IntellectualPropertyKind,
  asOf: Date,
  taken: Set<string>,
): IntellectualPropertyDocument {
  for (;;) {
    const drawn =
      kind === 'TRADEMARK'
        ? trademark(random, asOf)
        : kind === 'SOFTWARE_COPYRIGHT'
          ? softwareCopyright(random, asOf)
          : patent(random, kind, asOf);
    if (taken.has(drawn._id)) continue;
    taken.add(drawn._id);
    // An exclusive licensee keeps using the right after a sale, which buyers price in.
    const licensed = random.chance(0.1);
    return {
      _id: drawn._id,
      category: 'INTELLECTUAL_PROPERTY',
      kind,
      title: drawn.title,
      registeredOn: drawn.registeredOn,
      expiresOn: drawn.expiresOn,
      licensed,
      ownerIds: [holder.id],
      estimatedValue: licensed ? Math.round((drawn.value * 0.6) / 100) * 100 : drawn.value,
      securedClaims: 0,
      registerUpdatedAt: drawn.registeredOn,
    };
  }
}

export function randomOrganisationIpKind(random: Random): IntellectualPropertyKind {
  return weightedPick(random, ORGANISATION_IP_KINDS);
}
