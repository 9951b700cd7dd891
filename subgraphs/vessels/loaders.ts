import type { Db } from 'mongodb';
import type { IndexDeclaration } from '../kit/mongo';
import { entityLoader, groupLoader } from '../kit/loaders';
import type { RegisterContext } from '../kit/register/loaders';
import { REGISTER_COLLECTIONS } from '../kit/register/model';
import { RegisterRepository } from '../kit/register/repository';
import type { FishingLicenceDocument, VesselAsset } from './model';

/**
 * Look-ups by the identifiers a vessel is known by at sea. MMSI is unique across merchant and
 * fishing vessels (one transponder, one vessel), so one loader serves both categories.
 */
export function createVesselLoaders(db: Db) {
  const assets = new RegisterRepository<VesselAsset>(db).assets;
  return {
    byMmsi: entityLoader(assets, 'mmsi'),
    byImo: entityLoader(assets, 'imo'),
    byHullName: entityLoader(assets, 'hullName'),
    licencesByVessel: groupLoader(db.collection<FishingLicenceDocument>(REGISTER_COLLECTIONS.assets), 'vesselId', { sort: { _id: 1 } }),
  };
}

export interface VesselContext extends RegisterContext {
  vessels: ReturnType<typeof createVesselLoaders>;
}

export const vesselIndexes: readonly IndexDeclaration[] = [
  { collection: REGISTER_COLLECTIONS.assets, key: { mmsi: 1 } },
  { collection: REGISTER_COLLECTIONS.assets, key: { imo: 1 } },
  { collection: REGISTER_COLLECTIONS.assets, key: { hullName: 1 } },
  { collection: REGISTER_COLLECTIONS.assets, key: { vesselId: 1 } },
];
