import { generateCertificateNumber, generateUnitNumber, parcelCode, randomDigits, type Random } from '../../domain/identifiers';
import type {
  LandUseRightDocument,
  MiningOrSeaRightDocument,
  OffPlanPropertyDocument,
  RealEstateAsset,
  RealEstateUse,
  UnitDocument,
} from '../../subgraphs/realestate/model';
import { rankedControls, touchRegister } from '../controls';
import { ensureEachCategoryHeld } from '../coverage';
import { companyName } from '../names';
import type { PoolParty } from '../pool';
import { addDays, addYears, type AgencyData, type World } from '../world';

const STREETS = ['解放路', '人民路', '中山路', '建设路', '文化路', '新华路', '环城北路', '滨江大道', '学院路', '江南大道'];
export const MORTGAGEES = [
  '中国工商银行',
  '中国农业银行',
  '中国银行',
  '中国建设银行',
  '交通银行',
  '招商银行',
  '浙商银行',
  '杭州银行',
  '宁波银行',
];
// Yuan per square metre by city code (plausible practice figures for a spread of values, not market data).
const PRICE_PER_SQM: Record<string, number> = { '01': 38_000, '02': 26_000, '03': 23_000, '09': 18_000 };

function address(random: Random, party: PoolParty): string {
  const home = party.home;
  return `${home.cityNameZh}${home.divisionName}${random.pick(STREETS)}${random.int(1, 999)}号`;
}

function mortgage(random: Random, value: number, registeredOn: Date) {
  return random.chance(0.4)
    ? [{ mortgagee: random.pick(MORTGAGEES), amount: Math.round((value * (0.4 + random.next() * 0.3)) / 100) * 100, registeredOn }]
    : [];
}

function unit(random: Random, owner: PoolParty, coOwner: PoolParty | null, asOf: Date, taken: Set<string>): UnitDocument {
  const home = owner.home;
  const use: RealEstateUse =
    owner.kind === 'PERSON'
      ? random.chance(0.85)
        ? 'RESIDENTIAL'
        : 'PARKING'
      : random.pick(['COMMERCIAL', 'OFFICE', 'INDUSTRIAL'] as const);
  let id = generateUnitNumber(random, { countyCode: home.divisionCode });
  while (taken.has(id)) id = generateUnitNumber(random, { countyCode: home.divisionCode });
  taken.add(id);
  const area = use === 'PARKING' ? random.int(12, 20) : use === 'RESIDENTIAL' ? random.int(45, 180) : random.int(80, 2000);
  const price = (PRICE_PER_SQM[home.cityCode ?? ''] ?? 15_000) * (0.7 + random.next() * 0.6) * (use === 'INDUSTRIAL' ? 0.3 : 1);
  const value = Math.round(area * price) * 100;
  const registeredOn = addDays(asOf, -random.int(400, 6000));
  const owners = coOwner
    ? [
        { partyId: owner.id, shareBasisPoints: 5000 },
        { partyId: coOwner.id, shareBasisPoints: 5000 },
      ]
    : [{ partyId: owner.id, shareBasisPoints: 10_000 }];
  const mortgages = mortgage(random, value, registeredOn);
  return {
    _id: id,
    category: 'REAL_ESTATE',
    certificateNumber: generateCertificateNumber(random, {
      divisionCode: home.divisionCode,
      year: Math.max(2015, registeredOn.getUTCFullYear()),
    }),
    address: `${address(random, owner)}${random.int(1, 30)}幢${random.int(1, 3)}单元${random.int(101, 3202)}室`,
    districtCode: home.divisionCode,
    area,
    use,
    owners,
    ownerIds: owners.map((o) => o.partyId),
    mortgages,
    estimatedValue: value,
    securedClaims: mortgages.reduce((sum, m) => sum + m.amount, 0),
    registerUpdatedAt: registeredOn,
  };
}

function landUseRight(random: Random, owner: PoolParty, asOf: Date): LandUseRightDocument {
  const home = owner.home;
  const [landUse, years, pricePerSqm] = random.pick([
    ['工业用地', 50, 1_500],
    ['商服用地', 40, 8_000],
    ['仓储用地', 50, 1_200],
  ] as const);
  const registeredOn = addDays(asOf, -random.int(400, 7000));
  const area = random.int(2_000, 60_000);
  const value = Math.round(area * pricePerSqm) * 100;
  const mortgages = mortgage(random, value, registeredOn);
  return {
    _id: parcelCode(generateUnitNumber(random, { countyCode: home.divisionCode, structure: 'W' })),
    category: 'LAND_USE_RIGHT',
    certificateNumber: generateCertificateNumber(random, {
      divisionCode: home.divisionCode,
      year: Math.max(2015, registeredOn.getUTCFullYear()),
    }),
    address: address(random, owner),
    districtCode: home.divisionCode,
    area,
    landUse,
    termEndsOn: addYears(registeredOn, years),
    ownerIds: [owner.id],
    mortgages,
    estimatedValue: value,
    securedClaims: mortgages.reduce((sum, m) => sum + m.amount, 0),
    registerUpdatedAt: registeredOn,
  };
}

function offPlanProperty(random: Random, buyer: PoolParty, asOf: Date): OffPlanPropertyDocument {
  const home = buyer.home;
  const signedOn = addDays(asOf, -random.int(30, 900));
  const area = random.int(60, 160);
  const price = Math.round(area * (PRICE_PER_SQM[home.cityCode ?? ''] ?? 15_000) * (0.8 + random.next() * 0.4)) * 100;
  const paid = Math.round((price * (0.3 + random.next() * 0.7)) / 100) * 100;
  return {
    _id: `${home.divisionCode}YS${signedOn.getUTCFullYear()}${randomDigits(random, 6)}`,
    category: 'OFF_PLAN_PROPERTY',
    developer: companyName(random, home.cityNameZh).replace(/有限公司$/, '置业有限公司'),
    project: `${random.pick(['翡翠', '云栖', '江语', '金茂', '滨湖', '锦绣'])}${random.pick(['府', '苑', '湾', '城'])}`,
    address: address(random, buyer),
    districtCode: home.divisionCode,
    area,
    contractPrice: price,
    amountPaid: paid,
    ownerIds: [buyer.id],
    // The buyer's right is worth what has been paid until the flat is handed over and registered.
    estimatedValue: paid,
    securedClaims: 0,
    registerUpdatedAt: signedOn,
  };
}

function miningOrSeaRight(random: Random, holder: PoolParty, asOf: Date): MiningOrSeaRightDocument {
  const sea = holder.home.coastal && random.chance(0.7);
  const issuedOn = addDays(asOf, -random.int(200, 3000));
  return {
    _id: sea
      ? `国海证${issuedOn.getUTCFullYear()}B${holder.home.divisionCode}${randomDigits(random, 5)}号`
      : `C${holder.home.divisionCode}${issuedOn.getUTCFullYear()}${randomDigits(random, 11)}`,
    category: 'MINING_OR_SEA_RIGHT',
    kind: sea ? 'SEA_AREA' : 'MINING',
    subject: sea ? random.pick(['开放式养殖', '港口码头', '围海养殖']) : random.pick(['建筑用凝灰岩', '萤石', '叶蜡石', '建筑用砂']),
    area: Math.round(random.int(50, 5000)) / 10,
    validUntil: addYears(issuedOn, random.int(5, 15)),
    ownerIds: [holder.id],
    estimatedValue: random.int(500, 20_000) * 10_000_00,
    securedClaims: 0,
    registerUpdatedAt: issuedOn,
  };
}

/** Real estate for about a quarter of persons, land for some companies, off-plan flats, a few mining and sea rights. */
export function generateRealEstate(world: World, random: Random): AgencyData {
  const taken = new Set<string>();
  const assets: RealEstateAsset[] = [];
  const persons = world.parties.filter((p) => p.kind === 'PERSON');
  for (const party of world.parties) {
    const isPerson = party.kind === 'PERSON';
    if (random.chance(isPerson ? 0.25 : 0.2)) {
      for (let n = random.chance(0.2) ? 2 : 1; n > 0; n--) {
        const coOwner = isPerson && random.chance(0.3) ? random.pick(persons) : null;
        assets.push(unit(random, party, coOwner && coOwner.id !== party.id ? coOwner : null, world.asOf, taken));
      }
    }
    if (!isPerson && random.chance(0.12)) assets.push(landUseRight(random, party, world.asOf));
    if (isPerson && random.chance(0.03)) assets.push(offPlanProperty(random, party, world.asOf));
    if (!isPerson && random.chance(0.01)) assets.push(miningOrSeaRight(random, party, world.asOf));
  }
  ensureEachCategoryHeld(world, random, assets, {
    REAL_ESTATE: { make: (holder) => unit(random, holder, null, world.asOf, taken) },
    LAND_USE_RIGHT: { kind: 'ORGANISATION', make: (holder) => landUseRight(random, holder, world.asOf) },
    OFF_PLAN_PROPERTY: { kind: 'PERSON', make: (holder) => offPlanProperty(random, holder, world.asOf) },
    MINING_OR_SEA_RIGHT: { kind: 'ORGANISATION', make: (holder) => miningOrSeaRight(random, holder, world.asOf) },
  });
  const controls = rankedControls(world, random, assets, {
    prefix: 'RE',
    probability: 0.8,
    measureFor: (asset) => (asset.category === 'OFF_PLAN_PROPERTY' ? 'PRE_SEAL' : 'SEAL'),
  });
  touchRegister(assets, controls);
  return { assets, controls };
}
