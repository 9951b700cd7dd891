import type { Random } from '../../domain/identifiers';
import type { VesselPosition } from '../../subgraphs/vessels/model';
import { DAY_MS } from '../world';

/** A port on the Zhejiang coast, with the fishing hull abbreviations (浙X渔) based there. */
export interface SeaPort {
  name: string;
  /** Court city code of the city the port belongs to. */
  cityCode: string;
  latitude: number;
  longitude: number;
  hulls: readonly string[];
}

// Approximate harbour positions; the first port of each city is its port of registry for merchant ships.
export const SEA_PORTS: readonly SeaPort[] = [
  { name: '宁波', cityCode: '02', latitude: 29.93, longitude: 121.87, hulls: ['甬'] },
  { name: '奉化', cityCode: '02', latitude: 29.56, longitude: 121.64, hulls: ['奉'] },
  { name: '石浦', cityCode: '02', latitude: 29.2, longitude: 121.95, hulls: ['象'] },
  { name: '舟山', cityCode: '09', latitude: 30.0, longitude: 122.1, hulls: ['舟'] },
  { name: '沈家门', cityCode: '09', latitude: 29.94, longitude: 122.3, hulls: ['普'] },
  { name: '岱山', cityCode: '09', latitude: 30.25, longitude: 122.2, hulls: ['岱'] },
  { name: '嵊泗', cityCode: '09', latitude: 30.72, longitude: 122.45, hulls: ['嵊'] },
  { name: '台州', cityCode: '10', latitude: 28.68, longitude: 121.45, hulls: ['台', '椒'] },
  { name: '临海', cityCode: '10', latitude: 28.69, longitude: 121.8, hulls: ['临'] },
  { name: '三门', cityCode: '10', latitude: 29.03, longitude: 121.63, hulls: ['三'] },
  { name: '温岭', cityCode: '10', latitude: 28.27, longitude: 121.62, hulls: ['岭'] },
  { name: '玉环', cityCode: '10', latitude: 28.08, longitude: 121.27, hulls: ['玉'] },
  { name: '温州', cityCode: '03', latitude: 27.93, longitude: 121.05, hulls: ['温', '瑞', '苍', '平', '洞', '乐'] },
];

/** Where vessels of an owner in a city without a port of its own are registered. */
export const COASTAL_CITY_CODES = ['02', '09', '10'] as const;

export function portsOfCity(cityCode: string): SeaPort[] {
  return SEA_PORTS.filter((port) => port.cityCode === cityCode);
}

export function portOfHull(hull: string): SeaPort {
  const port = SEA_PORTS.find((p) => p.hulls.includes(hull));
  if (!port) throw new RangeError(`no port for hull abbreviation ${hull}`);
  return port;
}

/** The East China Sea box the positions stay in. */
const BOUNDS = { south: 27, north: 31, west: 120, east: 123.5 } as const;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));
const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

export function nearestPort(latitude: number, longitude: number): string {
  // A degree of longitude shrinks with latitude; good enough for "closest" at these distances.
  const scale = Math.cos((latitude * Math.PI) / 180);
  const distance = (port: SeaPort) => (port.latitude - latitude) ** 2 + ((port.longitude - longitude) * scale) ** 2;
  return SEA_PORTS.reduce((best, port) => (distance(port) < distance(best) ? port : best)).name;
}

/**
 * A plausible last AIS report near the home port: moored in harbour, or at sea to the east
 * (the coast runs north-south, so east of a port is open water), reported within the last two days.
 */
export function positionNear(random: Random, home: SeaPort, asOf: Date, maxSpeedKnots: number): VesselPosition {
  const inPort = random.chance(0.3);
  const latitude = round(clamp(home.latitude + (inPort ? 0.02 : 0.6) * (random.next() * 2 - 1), BOUNDS.south, BOUNDS.north), 4);
  const longitude = round(
    clamp(home.longitude + (inPort ? 0.02 * random.next() : 0.05 + random.next() * 1.2), BOUNDS.west, BOUNDS.east),
    4,
  );
  return {
    latitude,
    longitude,
    speedKnots: inPort || random.chance(0.2) ? 0 : round(1 + random.next() * (maxSpeedKnots - 1), 1),
    reportedAt: new Date(asOf.getTime() - random.int(5 * 60_000, 2 * DAY_MS)),
    nearestPort: nearestPort(latitude, longitude),
  };
}
