import type { AssetDocument } from '../kit/register/model';

/** Documents of the maritime and fishery registers, one collection for their three categories. */

export type MerchantVesselType = 'BULK_CARRIER' | 'TANKER' | 'CHEMICAL_TANKER' | 'CONTAINER' | 'GENERAL_CARGO' | 'RO_RO' | 'TUG';
export type FishingType = 'TRAWL' | 'GILLNET' | 'PURSE_SEINE' | 'STOW_NET' | 'LONGLINE' | 'TRAP';

/** The latest AIS report: a court asks where a vessel is before ordering it detained. */
export interface VesselPosition {
  latitude: number;
  longitude: number;
  speedKnots: number;
  reportedAt: Date;
  nearestPort: string;
}

/** Where a detained vessel is held (扣押停泊地): recorded by the agency once the detention is executed. */
export interface VesselDetention {
  /** The DETAIN measure the vessel is held under; the record shows only while that measure is in force. */
  controlId: string;
  port: string;
  latitude: number;
  longitude: number;
  /** When the vessel was first recorded as held under this measure; moving it to another berth keeps it. */
  since: Date;
  recordedAt: Date;
}

/** 船舶抵押权: registered with the maritime administration; ranks ahead of a court's seizure. */
export interface ShipMortgage {
  mortgagee: string;
  amount: number; // fen
  registeredOn: Date;
}

/** 船舶: a merchant vessel in the maritime register, keyed by its ship id (船舶识别号). */
export interface MerchantVesselDocument extends AssetDocument {
  category: 'MERCHANT_VESSEL';
  imo: string;
  mmsi: string;
  name: string;
  portOfRegistry: string;
  grossTonnage: number;
  vesselType: MerchantVesselType;
  builtYear: number;
  mortgages: ShipMortgage[];
  lastKnownPosition: VesselPosition;
  detention?: VesselDetention | null;
}

/** 渔船: a fishing vessel in the fishery register, keyed by its registry number (渔船所有权登记证书编号). */
export interface FishingVesselDocument extends AssetDocument {
  category: 'FISHING_VESSEL';
  hullName: string;
  mmsi: string;
  homePort: string;
  lengthMetres: number;
  enginePowerKw: number;
  builtYear: number;
  lastKnownPosition: VesselPosition;
  detention?: VesselDetention | null;
}

/** 捕捞许可证: a fishing licence, keyed by its number; it belongs to one vessel and moves only with it. */
export interface FishingLicenceDocument extends AssetDocument {
  category: 'FISHING_LICENCE';
  vesselId: string;
  fishingType: FishingType;
  issuedOn: Date;
  validUntil: Date;
}

export type VesselAsset = MerchantVesselDocument | FishingVesselDocument | FishingLicenceDocument;
