import { generateAircraftMark, generatePlate, generateVin, randomDigits, weightedPick, type Random } from '../../domain/identifiers';
import type { AircraftDocument, MotorVehicleDocument, VehicleAsset, VehiclePledge } from '../../subgraphs/vehicles/model';
import { rankedControls, touchRegister } from '../controls';
import { ensureEachCategoryHeld } from '../coverage';
import type { PoolParty } from '../pool';
import { addDays, addYears, DAY_MS, type AgencyData, type World } from '../world';
import { MORTGAGEES } from './realestate';
import {
  AIRCRAFT_MODELS,
  AUTO_FINANCE,
  BASE_AIRPORTS,
  COLOURS,
  COMPANY_TYPES,
  DEPRECIATION,
  PERSON_TYPES,
  VEHICLE_MODELS,
} from './vehicleCatalogue';

/** ISO 3779 model-year codes from 2010 (A) on; position 10 of the VIN. */
const MODEL_YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY';
/** Green plates were issued from 2016 on; no earlier new-energy vehicle is on this register. */
const FIRST_NEW_ENERGY_YEAR = 2016;
const YEAR_DAYS = 365.25;
const HUB = '杭州萧山国际机场';

interface Taken {
  vins: Set<string>;
  plates: Set<string>;
  certificates: Set<string>;
  marks: Set<string>;
}

function modelYearOf(vin: string): number {
  const code = vin.charAt(9);
  return /\d/.test(code) ? 2000 + Number(code) : 2010 + MODEL_YEAR_CODES.indexOf(code);
}

function unique(taken: Set<string>, draw: () => string): string {
  let value = draw();
  while (taken.has(value)) value = draw();
  taken.add(value);
  return value;
}

/** Sold from a few months before the model year until its end, never after the day the province is "as of". */
function registrationDate(random: Random, modelYear: number, asOf: Date): Date {
  const date = addDays(new Date(Date.UTC(modelYear, 0, 1)), random.int(-120, 300));
  return date < asOf ? date : addDays(asOf, -random.int(1, 90));
}

function valueOf(random: Random, priceYuan: number, rate: number, ageYears: number): number {
  const yuan = priceYuan * Math.max(0.05, (1 - rate) ** ageYears) * (0.9 + random.next() * 0.2);
  return Math.round(yuan / 100) * 100 * 100;
}

/** 车抵贷: a loan on the car at purchase or later, registered within the last five years. */
function pledgeOn(random: Random, make: string, value: number, registeredOn: Date, asOf: Date): VehiclePledge {
  const daysSince = Math.floor((asOf.getTime() - Math.max(registeredOn.getTime(), addYears(asOf, -5).getTime())) / DAY_MS);
  const captive = AUTO_FINANCE[make];
  return {
    pledgee: captive && random.chance(0.6) ? captive : random.pick(MORTGAGEES),
    amount: Math.round((value * (0.3 + random.next() * 0.4)) / 10_000) * 10_000,
    registeredOn: addDays(asOf, -random.int(1, Math.max(1, daysSince))),
  };
}

function motorVehicle(random: Random, owner: PoolParty, asOf: Date, taken: Taken): MotorVehicleDocument {
  const type = weightedPick(random, owner.kind === 'PERSON' ? PERSON_TYPES : COMPANY_TYPES);
  const spec = random.pick(VEHICLE_MODELS.filter((m) => m.type === type));
  const vin = unique(taken.vins, () => {
    for (;;) {
      const drawn = generateVin(random);
      if (!spec.newEnergy || modelYearOf(drawn) >= FIRST_NEW_ENERGY_YEAR) return drawn;
    }
  });
  const firstRegisteredOn = registrationDate(random, modelYearOf(vin), asOf);
  const value = valueOf(random, spec.priceYuan, DEPRECIATION[type], (asOf.getTime() - firstRegisteredOn.getTime()) / DAY_MS / YEAR_DAYS);
  const pledge = random.chance(0.1) ? pledgeOn(random, spec.make, value, firstRegisteredOn, asOf) : null;
  return {
    _id: vin,
    category: 'MOTOR_VEHICLE',
    plate: unique(taken.plates, () => generatePlate(random, { cityLetter: owner.home.plateLetter, newEnergy: spec.newEnergy })),
    vehicleType: type,
    make: spec.make,
    model: spec.model,
    colour: weightedPick(random, COLOURS),
    // (practice) 12 digits; the province and city prefix keeps numbers of different offices apart.
    registrationCertificateNumber: unique(taken.certificates, () => `33${owner.home.cityCode ?? '01'}${randomDigits(random, 8)}`),
    firstRegisteredOn,
    newEnergy: spec.newEnergy,
    pledge,
    ownerIds: [owner.id],
    estimatedValue: value,
    securedClaims: pledge?.amount ?? 0,
    registerUpdatedAt: pledge && pledge.registeredOn > firstRegisteredOn ? pledge.registeredOn : firstRegisteredOn,
  };
}

function aircraft(random: Random, owner: PoolParty, asOf: Date, taken: Taken): AircraftDocument {
  const spec = weightedPick(
    random,
    AIRCRAFT_MODELS.map((m) => [m, m.weight] as const),
  );
  const registeredOn = addDays(asOf, -random.int(200, 12 * 365));
  const city = owner.home.cityNameZh.replace(/市$/, '');
  return {
    _id: unique(taken.marks, () => generateAircraftMark(random)),
    category: 'AIRCRAFT',
    manufacturer: spec.manufacturer,
    model: spec.model,
    serialNumber: spec.serialNumber(random),
    // Owners often lease the aircraft to a general-aviation operator rather than fly it themselves.
    operator:
      owner.kind === 'ORGANISATION' && random.chance(0.7)
        ? owner.name
        : `${city}${random.pick(['之江', '蓝天', '翔宇', '东海'])}通用航空有限公司`,
    maxTakeoffWeight: spec.maxTakeoffWeight,
    // Airliners need a runway only the international airport has; light aircraft fly from the nearest field.
    baseAirport: spec.maxTakeoffWeight > 5_700 ? HUB : random.pick(BASE_AIRPORTS[owner.home.cityCode ?? ''] ?? [HUB]),
    ownerIds: [owner.id],
    estimatedValue: valueOf(random, spec.priceYuan, 0.06, (asOf.getTime() - registeredOn.getTime()) / DAY_MS / YEAR_DAYS),
    securedClaims: 0,
    registerUpdatedAt: registeredOn,
  };
}

/**
 * Vehicles for about 30% of persons (some two) and half the companies (mostly trucks), 10% of them
 * pledged; aircraft next to none: at most two drawn, plus one for an organisation respondent of an open
 * case so every category can be found.
 */
export function generateVehicles(world: World, random: Random): AgencyData {
  const taken: Taken = { vins: new Set(), plates: new Set(), certificates: new Set(), marks: new Set() };
  const assets: VehicleAsset[] = [];
  let aircraftDrawn = 0;
  for (const party of world.parties) {
    const isPerson = party.kind === 'PERSON';
    if (random.chance(isPerson ? 0.3 : 0.5)) {
      const count = isPerson ? (random.chance(0.15) ? 2 : 1) : 1 + (random.chance(0.4) ? random.int(1, 3) : 0);
      for (let n = 0; n < count; n++) assets.push(motorVehicle(random, party, world.asOf, taken));
    }
    if (!isPerson && aircraftDrawn < 2 && random.chance(0.002)) {
      assets.push(aircraft(random, party, world.asOf, taken));
      aircraftDrawn++;
    }
  }

  // A person for a car and a company for an aircraft where the open cases have one; either can own both.
  ensureEachCategoryHeld(world, random, assets, {
    MOTOR_VEHICLE: { prefer: (p) => p.kind === 'PERSON', make: (holder) => motorVehicle(random, holder, world.asOf, taken) },
    AIRCRAFT: { prefer: (p) => p.kind === 'ORGANISATION', make: (holder) => aircraft(random, holder, world.asOf, taken) },
  });

  const controls = rankedControls(world, random, assets, { prefix: 'VH', probability: 0.6, measureFor: () => 'SEAL' });
  touchRegister(assets, controls);
  return { assets, controls };
}
