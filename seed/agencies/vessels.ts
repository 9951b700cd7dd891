import {
  generateFishingHullName,
  generateFishingLicenceNumber,
  generateFishingRegistryNumber,
  generateImo,
  generateMmsi,
  generateShipId,
  weightedPick,
  type Random,
} from '../../domain/identifiers';
import type {
  FishingLicenceDocument,
  FishingType,
  FishingVesselDocument,
  MerchantVesselDocument,
  MerchantVesselType,
  VesselAsset,
} from '../../subgraphs/vessels/model';
import { rankedControls, touchRegister } from '../controls';
import { ensureEachCategoryHeld } from '../coverage';
import type { PoolParty } from '../pool';
import { addDays, addYears, type AgencyData, type World } from '../world';
import { COASTAL_CITY_CODES, portOfHull, portsOfCity, positionNear, type SeaPort } from './vesselPositions';

// Yuan per gross ton when new (plausible practice figures for a spread of values, not market data).
const MERCHANT_TYPES: readonly (readonly [MerchantVesselType, number, [number, number], number])[] = [
  ['BULK_CARRIER', 35, [2_000, 50_000], 2_500],
  ['GENERAL_CARGO', 25, [500, 8_000], 3_000],
  ['TANKER', 12, [1_000, 30_000], 4_000],
  ['CHEMICAL_TANKER', 6, [1_000, 8_000], 5_000],
  ['CONTAINER', 10, [3_000, 30_000], 4_500],
  ['RO_RO', 4, [2_000, 15_000], 4_500],
  ['TUG', 8, [150, 600], 15_000],
];
const NAME_PREFIXES: Record<string, readonly string[]> = {
  '02': ['甬', '浙甬', '宁远', '甬兴'],
  '09': ['浙海', '舟', '浙岱', '舟海'],
  '10': ['台', '浙台', '浙椒', '台洋'],
  '03': ['温', '浙温', '瓯'],
};
const SHIP_MORTGAGEES = [
  '中国工商银行',
  '中国银行',
  '交通银行',
  '浙商银行',
  '宁波银行',
  '交银金融租赁',
  '工银金融租赁',
  '浙江稠州商业银行',
];
const FISHING_TYPES: readonly (readonly [FishingType, number])[] = [
  ['TRAWL', 35],
  ['GILLNET', 20],
  ['STOW_NET', 15],
  ['PURSE_SEINE', 10],
  ['LONGLINE', 10],
  ['TRAP', 10],
];
/** 捕捞许可证 are issued for five years. */
const LICENCE_YEARS = 5;

/** Identifiers must never repeat across the whole register (ship ids, IMO, MMSI, hull names, numbers). */
function unique(taken: Set<string>, next: () => string): string {
  for (;;) {
    const id = next();
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** An owner in a city without a sea port registers its vessels in a coastal city. */
function homePorts(random: Random, owner: PoolParty): SeaPort[] {
  const own = portsOfCity(owner.home.cityCode ?? '');
  return own.length > 0 ? own : portsOfCity(random.pick(COASTAL_CITY_CODES));
}

const yuanToFen = (yuan: number) => Math.round(yuan / 10_000) * 10_000 * 100;

function merchantVessel(random: Random, owner: PoolParty, asOf: Date, taken: Set<string>): MerchantVesselDocument {
  const registry = homePorts(random, owner)[0];
  const [vesselType, , [minGt, maxGt], yuanPerGt] = weightedPick(
    random,
    MERCHANT_TYPES.map((row) => [row, row[1]] as const),
  );
  const grossTonnage = random.int(minGt, maxGt);
  const builtYear = random.int(1995, asOf.getUTCFullYear() - 1);
  const age = asOf.getUTCFullYear() - builtYear;
  const value = yuanToFen(grossTonnage * yuanPerGt * Math.max(0.15, 1 - age / 25) * (0.8 + random.next() * 0.4));
  const registeredOn = addDays(new Date(Date.UTC(builtYear, 0, 1)), random.int(0, Math.min(age, 8) * 365));
  const mortgages = random.chance(0.5)
    ? [
        {
          mortgagee: random.pick(SHIP_MORTGAGEES),
          amount: Math.round((value * (0.4 + random.next() * 0.35)) / 100) * 100,
          registeredOn: addDays(registeredOn, random.int(0, 365)),
        },
      ]
    : [];
  return {
    _id: unique(taken, () => generateShipId(random)),
    category: 'MERCHANT_VESSEL',
    imo: unique(taken, () => generateImo(random)),
    mmsi: unique(taken, () => generateMmsi(random)),
    name: `${random.pick(NAME_PREFIXES[registry.cityCode] ?? ['浙海'])}${random.int(1, 999)}`,
    portOfRegistry: registry.name,
    grossTonnage,
    vesselType,
    builtYear,
    mortgages,
    lastKnownPosition: positionNear(random, registry, asOf, 14),
    ownerIds: [owner.id],
    estimatedValue: value,
    securedClaims: mortgages.reduce((sum, m) => sum + m.amount, 0),
    registerUpdatedAt: new Date(Math.max(registeredOn.getTime(), ...mortgages.map((m) => m.registeredOn.getTime()))),
  };
}

/** A fishing vessel and the licence issued for it: the licence moves only with the vessel, so same owner. */
function fishingVessel(random: Random, owner: PoolParty, asOf: Date, taken: Set<string>): [FishingVesselDocument, FishingLicenceDocument] {
  const cityCode = homePorts(random, owner)[0].cityCode;
  const hullName = unique(taken, () => generateFishingHullName(random, { cityCode }));
  const hull = hullName.charAt(1);
  const home = portOfHull(hull);
  const builtYear = random.int(2000, asOf.getUTCFullYear() - 2);
  const registeredOn = addDays(new Date(Date.UTC(builtYear, 0, 1)), random.int(30, 400));
  const lengthMetres = Math.round((owner.kind === 'PERSON' ? 12 + random.next() * 23 : 20 + random.next() * 40) * 10) / 10;
  const depreciation = Math.max(0.2, 1 - (asOf.getUTCFullYear() - builtYear) / 25);
  const vessel: FishingVesselDocument = {
    _id: unique(taken, () => generateFishingRegistryNumber(random, { port: hull, year: registeredOn.getUTCFullYear() })),
    category: 'FISHING_VESSEL',
    hullName,
    mmsi: unique(taken, () => generateMmsi(random)),
    homePort: home.name,
    lengthMetres,
    enginePowerKw: Math.round(lengthMetres * (6 + random.next() * 9) * 10) / 10,
    builtYear,
    lastKnownPosition: positionNear(random, home, asOf, 10),
    ownerIds: [owner.id],
    estimatedValue: yuanToFen(lengthMetres ** 2 * (1_500 + random.next() * 1_500) * depreciation),
    securedClaims: 0,
    registerUpdatedAt: registeredOn,
  };
  // A licence is issued to a registered vessel, never before it.
  const issuedOn = new Date(Math.max(registeredOn.getTime(), addDays(asOf, -random.int(30, (LICENCE_YEARS + 1) * 365)).getTime()));
  const validUntil = addYears(issuedOn, LICENCE_YEARS);
  const licence: FishingLicenceDocument = {
    _id: unique(taken, () => generateFishingLicenceNumber(random, { port: hull, year: issuedOn.getUTCFullYear() })),
    category: 'FISHING_LICENCE',
    vesselId: vessel._id,
    fishingType: weightedPick(random, FISHING_TYPES),
    issuedOn,
    validUntil,
    ownerIds: [owner.id],
    // The quota a licence carries has some value when sold with the vessel; an expired one has none.
    estimatedValue: validUntil > asOf && random.chance(0.6) ? random.int(5, 30) * 10_000_00 : null,
    securedClaims: 0,
    registerUpdatedAt: issuedOn,
  };
  return [vessel, licence];
}

function holdingsOf(
  random: Random,
  owner: PoolParty,
  category: 'MERCHANT_VESSEL' | 'FISHING_VESSEL',
  asOf: Date,
  taken: Set<string>,
): VesselAsset[] {
  return category === 'MERCHANT_VESSEL' ? [merchantVessel(random, owner, asOf, taken)] : fishingVessel(random, owner, asOf, taken);
}

/**
 * Vessels for about 5% of the parties at home in a coastal city (domain.md): shipping companies own
 * merchant ships, fishermen and fishing companies own fishing vessels, each with its licence.
 */
export function generateVessels(world: World, random: Random): AgencyData {
  const taken = new Set<string>();
  const assets: VesselAsset[] = [];
  for (const party of world.parties) {
    if (!party.home.coastal || !random.chance(0.05)) continue;
    const category = random.chance(party.kind === 'ORGANISATION' ? 0.6 : 0.1) ? 'MERCHANT_VESSEL' : 'FISHING_VESSEL';
    const fleet = party.kind === 'ORGANISATION' ? random.int(1, 3) : random.chance(0.15) ? 2 : 1;
    for (let n = 0; n < fleet; n++) assets.push(...holdingsOf(random, party, category, world.asOf, taken));
  }
  // Shipping companies and fishermen, preferably at home by the sea; the licence comes with its fishing vessel.
  ensureEachCategoryHeld(world, random, assets, {
    MERCHANT_VESSEL: {
      kind: 'ORGANISATION',
      prefer: (p) => p.home.coastal,
      make: (holder) => holdingsOf(random, holder, 'MERCHANT_VESSEL', world.asOf, taken),
    },
    FISHING_VESSEL: {
      kind: 'PERSON',
      prefer: (p) => p.home.coastal,
      make: (holder) => holdingsOf(random, holder, 'FISHING_VESSEL', world.asOf, taken),
    },
  });
  const controls = rankedControls(world, random, assets, {
    prefix: 'VS',
    probability: 0.6,
    measureFor: (asset) => (asset.category === 'FISHING_VESSEL' ? 'SEAL' : 'REGISTRATION_BLOCK'),
  });
  touchRegister(assets, controls);
  return { assets, controls };
}
