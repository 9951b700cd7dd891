import type { Db } from 'mongodb';
import { entityLoader } from '../kit/loaders';
import type { IndexDeclaration } from '../kit/mongo';
import type { RegisterContext } from '../kit/register/loaders';
import { REGISTER_COLLECTIONS } from '../kit/register/model';
import { RegisterRepository } from '../kit/register/repository';
import type { MotorVehicleDocument } from './model';
import { SIGHTINGS, type SightingDocument } from './sightings';

export const vehicleIndexes: readonly IndexDeclaration[] = [
  // Officers and patrols know a plate long before a VIN; aircraft have no plate and index as null.
  { collection: REGISTER_COLLECTIONS.assets, key: { plate: 1 } },
];

/** Look-ups of this register beyond the kit's: by plate, which only motor vehicles carry, and sightings. */
export function createVehicleLoaders(db: Db) {
  const repository = new RegisterRepository<MotorVehicleDocument>(db);
  return {
    vehicleByPlate: entityLoader(repository.assets, 'plate'),
    sightingById: entityLoader(db.collection<SightingDocument>(SIGHTINGS)),
  };
}

export interface VehicleContext extends RegisterContext {
  vehicles: ReturnType<typeof createVehicleLoaders>;
}
