import type { AssetDocument } from '../kit/register/model';

/** Documents of the real-estate registry's own database, one collection for its four categories. */

export type RealEstateUse = 'RESIDENTIAL' | 'COMMERCIAL' | 'OFFICE' | 'INDUSTRIAL' | 'PARKING' | 'OTHER';

/** 不动产单元: a registered building unit (REAL_ESTATE), keyed by its 28-character unit number. */
export interface UnitDocument extends AssetDocument {
  category: 'REAL_ESTATE';
  certificateNumber: string;
  address: string;
  districtCode: string;
  area: number; // m²
  use: RealEstateUse;
  owners: { partyId: string; shareBasisPoints: number }[];
  mortgages: { mortgagee: string; amount: number; registeredOn: Date }[];
}

/** 土地使用权: a land-use right, keyed by its 19-character parcel code (宗地代码). */
export interface LandUseRightDocument extends AssetDocument {
  category: 'LAND_USE_RIGHT';
  certificateNumber: string;
  address: string;
  districtCode: string;
  area: number; // m²
  landUse: string;
  /** The end of the granted term; land-use rights are granted for a fixed number of years. */
  termEndsOn: Date;
  mortgages: { mortgagee: string; amount: number; registeredOn: Date }[];
}

/** 预售商品房: an off-plan flat bought under a filed pre-sale contract, keyed by the filing number. */
export interface OffPlanPropertyDocument extends AssetDocument {
  category: 'OFF_PLAN_PROPERTY';
  developer: string;
  project: string;
  address: string;
  districtCode: string;
  area: number; // m²
  contractPrice: number; // fen
  amountPaid: number; // fen
}

/** 矿业权 / 海域使用权: a mining or sea-area right, keyed by its licence number. */
export interface MiningOrSeaRightDocument extends AssetDocument {
  category: 'MINING_OR_SEA_RIGHT';
  kind: 'MINING' | 'SEA_AREA';
  /** The mineral mined or the use of the sea area. */
  subject: string;
  area: number; // hectares
  validUntil: Date;
}

export type RealEstateAsset = UnitDocument | LandUseRightDocument | OffPlanPropertyDocument | MiningOrSeaRightDocument;
