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
  /** 转移登记 by court order, oldest first; absent until the first. */
  titleTransfers?: TitleTransferEntry[];
}

/** 司法拍卖后的转移登记: title moved to the buyer on the court's ruling confirming the sale, as the unit's history keeps it. */
export interface TitleTransferEntry {
  /** `TT-` + the seal's id: one transfer per seal. */
  id: string;
  /** The seal whose case disposed of the unit: it ends DISPOSED. */
  sealId: string;
  caseNumber: string;
  /** 裁定书 number of the ruling confirming the sale. */
  rulingNumber: string;
  buyerId: string;
  price?: number; // fen, from the court's transfer notice
  requestedAt?: Date;
  previousOwners: { partyId: string; shareBasisPoints: number }[];
  transferredAt: Date;
  /** What the tax bureau's certificate stated. */
  taxSettledOn: string;
  taxPaid: number; // fen
  /** The measures on the unit when it was sold: the case's seal ends DISPOSED, the others lapse. */
  endedControlIds: string[];
}

export type TitleTransferState = 'REQUESTED' | 'TRANSFERRED';

/** What the registry wrote when it performed the transfer. */
export type TransferPerformed = Pick<
  TitleTransferEntry,
  'previousOwners' | 'transferredAt' | 'taxSettledOn' | 'taxPaid' | 'endedControlIds'
>;

/**
 * A transfer the court asked for on its notice and, once the registry's staff perform it, what they did.
 * One per seal (the id), and a court's retry finds it by its idempotency key.
 */
export interface TitleTransferDocument {
  _id: string;
  sealId: string;
  unitId: string;
  idempotencyKey: string;
  courtCode: string;
  caseNumber: string;
  rulingNumber: string;
  buyerId: string;
  price: number; // fen
  requestedAt: Date;
  state: TitleTransferState;
  performed: TransferPerformed | null;
  /** Set once the unit and its measures are updated; performing again finishes a transfer that stopped before. */
  completedAt: Date | null;
}

export const REAL_ESTATE_COLLECTIONS = { titleTransfers: 'titleTransfers' } as const;

/** The unit's history entry of a performed transfer. */
export function entryOf(transfer: TitleTransferDocument, performed: TransferPerformed): TitleTransferEntry {
  const { sealId, caseNumber, rulingNumber, buyerId, price, requestedAt } = transfer;
  return { id: transfer._id, sealId, caseNumber, rulingNumber, buyerId, price, requestedAt, ...performed };
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
