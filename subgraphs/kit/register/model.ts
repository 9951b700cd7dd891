/**
 * The documents every agency register keeps: assets of several categories in one collection
 * (so the assets of a party are one query, whatever the categories) and the control measures on them.
 */
export type AssetCategory =
  | 'BANK_DEPOSIT' | 'WEALTH_PRODUCT' | 'ONLINE_PAYMENT' | 'DIGITAL_CURRENCY' | 'BROKER_CASH' | 'FUTURES_MARGIN'
  | 'PROVIDENT_FUND' | 'SOCIAL_INSURANCE' | 'RECEIVABLE' | 'TAX_REFUND' | 'SECURITIES' | 'FUND_UNITS'
  | 'INSURANCE_CASH_VALUE' | 'COMPANY_EQUITY' | 'UNLISTED_SHARES' | 'REAL_ESTATE' | 'LAND_USE_RIGHT'
  | 'OFF_PLAN_PROPERTY' | 'MINING_OR_SEA_RIGHT' | 'INTELLECTUAL_PROPERTY' | 'MOTOR_VEHICLE' | 'MERCHANT_VESSEL'
  | 'FISHING_VESSEL' | 'FISHING_LICENCE' | 'AIRCRAFT';

/** The 25 categories in the order of domain.md; findings list them in this order. */
export const ASSET_CATEGORIES: readonly AssetCategory[] = [
  'BANK_DEPOSIT', 'WEALTH_PRODUCT', 'ONLINE_PAYMENT', 'DIGITAL_CURRENCY', 'BROKER_CASH', 'FUTURES_MARGIN',
  'PROVIDENT_FUND', 'SOCIAL_INSURANCE', 'RECEIVABLE', 'TAX_REFUND', 'SECURITIES', 'FUND_UNITS',
  'INSURANCE_CASH_VALUE', 'COMPANY_EQUITY', 'UNLISTED_SHARES', 'REAL_ESTATE', 'LAND_USE_RIGHT',
  'OFF_PLAN_PROPERTY', 'MINING_OR_SEA_RIGHT', 'INTELLECTUAL_PROPERTY', 'MOTOR_VEHICLE', 'MERCHANT_VESSEL',
  'FISHING_VESSEL', 'FISHING_LICENCE', 'AIRCRAFT',
];

export type Agency = 'COURT' | 'REALESTATE' | 'VEHICLES' | 'VESSELS' | 'TAXATION' | 'FINANCE' | 'MARKET' | 'VICTIMS';

export type ControlMeasure = 'SEAL' | 'PRE_SEAL' | 'FREEZE' | 'DEDUCT' | 'IMPOUND' | 'REGISTRATION_BLOCK' | 'DETAIN' | 'WITHHOLD';
export type ControlStatus = 'ACTIVE' | 'WAITING' | 'LAPSED' | 'RELEASED' | 'DISPOSED';

/** Fields every asset document has; each agency adds its category-specific ones. */
export interface AssetDocument {
  _id: string; // the register's identifier of the asset
  category: AssetCategory;
  ownerIds: string[];
  estimatedValue: number | null; // fen
  /** Claims ranking ahead of a court on this asset (mortgage, pledge), in fen. */
  securedClaims: number;
  /** Shares of co-owned assets in basis points; absent where the register records one holder per asset. */
  owners?: { partyId: string; shareBasisPoints: number }[];
  registerUpdatedAt: Date;
}

export interface ControlDocument {
  _id: string;
  assetId: string;
  category: AssetCategory;
  caseNumber: string;
  partyId: string;
  courtCode: string;
  measure: ControlMeasure;
  status: ControlStatus;
  rank: number;
  documentNumber: string;
  idempotencyKey: string;
  amount: number | null; // fen, for measures on money
  requestedAt: Date;
  acknowledgedAt: Date | null;
  executedAt: Date | null;
  expiresAt: Date | null;
}

export const REGISTER_COLLECTIONS = { assets: 'assets', controls: 'controls' } as const;

/** Measures that still bind the asset; the others are history. */
export const IN_FORCE: readonly ControlStatus[] = ['ACTIVE', 'WAITING'];
