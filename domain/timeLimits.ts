import type { AssetCategory } from './assets';

/**
 * How long one control period lasts (domain.md): deposits and other funds 1 year, movables
 * (vehicles, vessels, aircraft) 2 years, real estate and other property rights 3 years.
 * A renewal may be as long again, with no cap on the number of renewals.
 */
const MOVABLES: readonly AssetCategory[] = ['MOTOR_VEHICLE', 'MERCHANT_VESSEL', 'FISHING_VESSEL', 'FISHING_LICENCE', 'AIRCRAFT'];
const PROPERTY_RIGHTS: readonly AssetCategory[] = [
  'REAL_ESTATE',
  'LAND_USE_RIGHT',
  'MINING_OR_SEA_RIGHT',
  'COMPANY_EQUITY',
  'UNLISTED_SHARES',
  'INTELLECTUAL_PROPERTY',
];

export function controlPeriodYears(category: AssetCategory): number {
  if (category === 'OFF_PLAN_PROPERTY') return 2; // pre-seal: 2 years, one renewal of 1 year
  if (MOVABLES.includes(category)) return 2;
  if (PROPERTY_RIGHTS.includes(category)) return 3;
  return 1;
}

export function expiryOf(category: AssetCategory, from: Date): Date {
  const expires = new Date(from);
  expires.setUTCFullYear(expires.getUTCFullYear() + controlPeriodYears(category));
  return expires;
}
