/**
 * 不动产单元号 (GB/T 37346): county (6) + cadastral district (3) + sub-district (3)
 * + parcel type (2) + parcel number (5) + structure code (1) + unit (8, building 4 + unit 4).
 */
import { checkDivisionCode } from './areas';
import { BASIC_COURTS } from './courts';
import { randomDigits, weightedPick, type Random } from './random';

/**
 * Parcel type, first letter: G state-owned land, J collectively owned, Z ownership undetermined.
 * Second letter: A collective ownership parcel, B construction land (surface), S construction
 * land (above ground), X construction land (underground), C homestead, D contracted farmland,
 * E forest land, F grassland, H sea area, G uninhabited island, W use right undetermined, Y other.
 * Every pairing is accepted rather than guessing which ones registries actually issue.
 */
const OWNERSHIP_LETTERS = 'GJZ';
const USE_LETTERS = 'ABSXCDEFHGWY';
/** F building or structure, L trees, Q other fixtures, W no fixture (land only). */
const STRUCTURE_CODES = 'FLQW';
const LAND_ONLY_UNIT = '00000000';

export const UNIT_NUMBER_LENGTH = 28;
const SHAPE = /^\d{12}[A-Z]{2}\d{5}[A-Z]\d{8}$/;

export function normaliseUnitNumber(s: string): string {
  return s.replace(/\s+/g, '').toUpperCase();
}

export function checkUnitNumber(s: string): string | null {
  if (s.length !== UNIT_NUMBER_LENGTH) return `must be ${UNIT_NUMBER_LENGTH} characters (got ${s.length})`;
  if (!SHAPE.test(s)) return 'must be 12 digits, 2 letters, 5 digits, 1 letter and 8 digits, e.g. 330102001001GB00123F00010001';
  const county = checkDivisionCode(s.slice(0, 6), 'county code');
  if (county) return county;
  const [ownership, use] = [s.charAt(12), s.charAt(13)];
  if (!OWNERSHIP_LETTERS.includes(ownership)) return `parcel type ${ownership}${use} must start with G, J or Z`;
  if (!USE_LETTERS.includes(use)) return `parcel type ${ownership}${use} has an unknown second letter ${use}`;
  if (s.slice(14, 19) === '00000') return 'parcel number must not be 00000';
  const structure = s.charAt(19);
  if (!STRUCTURE_CODES.includes(structure)) return `structure code ${structure} must be one of F, L, Q, W`;
  const unit = s.slice(20);
  if (structure === 'W' && unit !== LAND_ONLY_UNIT) return `with structure code W (land only) the unit must be ${LAND_ONLY_UNIT}`;
  if (structure !== 'W' && unit === LAND_ONLY_UNIT) return `unit ${LAND_ONLY_UNIT} is only valid with structure code W`;
  return null;
}

/** The land parcel (宗地) a unit sits on: the first 19 characters, the key land-use rights are held under. */
export function parcelCode(unitNumber: string): string {
  return unitNumber.slice(0, 19);
}

const PARCEL_TYPE_WEIGHTS: readonly (readonly [string, number])[] = [
  ['GB', 70],
  ['JC', 15],
  ['GS', 5],
  ['GX', 4],
  ['JB', 3],
  ['JA', 2],
  ['GH', 1],
];

export interface UnitNumberOptions {
  /** 6-digit county code; defaults to a random Zhejiang basic court's division. */
  readonly countyCode?: string;
  /** 'W' yields land without a building; default is a flat (F). */
  readonly structure?: 'F' | 'L' | 'Q' | 'W';
}

export function generateUnitNumber(random: Random, options: UnitNumberOptions = {}): string {
  const county = options.countyCode ?? random.pick(BASIC_COURTS).divisionCode;
  const district = pad(random.int(1, 30), 3);
  const subDistrict = pad(random.int(1, 40), 3);
  const parcelType = weightedPick(random, PARCEL_TYPE_WEIGHTS);
  const parcel = pad(random.int(1, 99999), 5);
  const structure = options.structure ?? 'F';
  const unit = structure === 'W' ? LAND_ONLY_UNIT : `${pad(random.int(1, 60), 4)}${randomDigits(random, 2)}${pad(random.int(1, 40), 2)}`;
  return `${county}${district}${subDistrict}${parcelType}${parcel}${structure}${unit}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
