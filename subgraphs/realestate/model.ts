/** Documents of the real-estate registry's own database. */

export type RealEstateCategory = 'REAL_ESTATE' | 'LAND_USE_RIGHT' | 'OFF_PLAN_PROPERTY' | 'MINING_OR_SEA_RIGHT';
export type RealEstateUse = 'RESIDENTIAL' | 'COMMERCIAL' | 'OFFICE' | 'INDUSTRIAL' | 'PARKING' | 'OTHER';
export type ControlStatus = 'ACTIVE' | 'WAITING' | 'LAPSED' | 'RELEASED' | 'DISPOSED';
export type RealEstateMeasure = 'SEAL' | 'PRE_SEAL';

export interface UnitDocument {
  _id: string; // 不动产单元号
  category: RealEstateCategory;
  certificateNumber: string;
  address: string;
  districtCode: string;
  area: number; // m²
  use: RealEstateUse;
  owners: { partyId: string; shareBasisPoints: number }[];
  ownerIds: string[]; // denormalised from owners so one multikey index serves "units of a party"
  mortgages: { mortgagee: string; amount: number; registeredOn: Date }[];
  estimatedValue: number | null; // fen
  registerUpdatedAt: Date;
}

export interface ControlDocument {
  _id: string;
  assetId: string;
  category: RealEstateCategory;
  caseNumber: string;
  partyId: string;
  courtCode: string;
  measure: RealEstateMeasure;
  status: ControlStatus;
  rank: number;
  documentNumber: string;
  idempotencyKey: string;
  requestedAt: Date;
  acknowledgedAt: Date | null;
  executedAt: Date | null;
  expiresAt: Date | null;
}

export const COLLECTIONS = { units: 'units', controls: 'controls' } as const;

/** Measures that still bind the asset; the others are history. */
export const IN_FORCE: readonly ControlStatus[] = ['ACTIVE', 'WAITING'];
