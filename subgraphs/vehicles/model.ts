import type { AssetDocument } from '../kit/register/model';

/** Documents of the vehicle and aircraft registers, one collection for both categories. */

export type VehicleType = 'CAR' | 'SUV' | 'VAN' | 'TRUCK' | 'BUS' | 'MOTORCYCLE';

/** 机动车抵押登记: a registered security over the vehicle; the pledgee is paid first from the proceeds. */
export interface VehiclePledge {
  pledgee: string;
  amount: number; // fen
  registeredOn: Date;
}

/** 扣押: where traffic police hold a sealed vehicle they stopped, and the seals it is held for. */
export interface VehicleImpound {
  lot: string;
  since: Date;
  sightingId: string;
  /** The seals in force when it was impounded; the impound lasts while any of them does. */
  controlIds: string[];
}

/** 机动车: a registered motor vehicle, keyed by its VIN (车辆识别代号). */
export interface MotorVehicleDocument extends AssetDocument {
  category: 'MOTOR_VEHICLE';
  /** 号牌号码 in the canonical form 浙A·12345; indexed, as officers usually know the plate first. */
  plate: string;
  vehicleType: VehicleType;
  make: string;
  model: string;
  colour: string;
  /** 机动车登记证书编号. */
  registrationCertificateNumber: string;
  firstRegisteredOn: Date;
  newEnergy: boolean;
  pledge: VehiclePledge | null;
  impound?: VehicleImpound | null;
}

/** 民用航空器: a civil aircraft on the national register, keyed by its registration mark (B-1234). */
export interface AircraftDocument extends AssetDocument {
  category: 'AIRCRAFT';
  manufacturer: string;
  model: string;
  /** The manufacturer's serial number (MSN). */
  serialNumber: string;
  operator: string;
  maxTakeoffWeight: number; // kg
  baseAirport: string;
}

export type VehicleAsset = MotorVehicleDocument | AircraftDocument;

/** An impound as the traffic police's system keeps it (扣押): one per sighting. */
export interface ImpoundDocument extends VehicleImpound {
  _id: string; // the sighting
  idempotencyKey: string;
  vehicleId: string;
  plate: string;
  /** The seal that was active: one impound per vehicle and active seal, even from two checkpoints at once. */
  activeControlId: string;
}
