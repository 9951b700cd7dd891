/**
 * Every agency the enforcement bureau works with: those that keep a register (one subgraph each), the
 * court itself, and the police and the procuratorate, who receive referrals and register no assets.
 * The one list: the identity claims, the schema's Agency enum and the tests read it.
 */
export const AGENCIES = [
  'COURT',
  'REALESTATE',
  'VEHICLES',
  'VESSELS',
  'TAXATION',
  'FINANCE',
  'MARKET',
  'VICTIMS',
  'POLICE',
  'PROCURATORATE',
] as const;

export type Agency = (typeof AGENCIES)[number];

export function isAgency(value: unknown): value is Agency {
  return typeof value === 'string' && (AGENCIES as readonly string[]).includes(value);
}
