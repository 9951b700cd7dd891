import { join } from 'node:path';
import { COURT_STAFF, staffOf } from '../kit/auth/rules';
import { outboxIndexes } from '../kit/outbox';
import { outboxService } from '../kit/outbox/service';
import { createRegisterLoaders } from '../kit/register/loaders';
import { defineRegisterSubgraph } from '../kit/register/subgraph';
import { impoundIndexes } from './impound';
import { createVehicleLoaders, vehicleIndexes } from './loaders';
import { VEHICLE_REGISTER } from './register';
import { vehicleResolvers } from './resolvers';

/** The traffic police vehicle registry (车辆管理所) and the civil aviation authority's aircraft register (民航局). */
export default defineRegisterSubgraph(VEHICLE_REGISTER, {
  name: 'vehicles',
  defaultPort: 4103,
  schemaFiles: ['schema.graphql', 'roadside.graphql'].map((file) => join(__dirname, file)),
  resolvers: vehicleResolvers,
  createContext: ({ db }) => ({ register: createRegisterLoaders(db), vehicles: createVehicleLoaders(db) }),
  indexes: [...vehicleIndexes, ...impoundIndexes, ...outboxIndexes()],
  rules: {
    Query: { motorVehicleByPlate: COURT_STAFF, motorVehicleByVin: COURT_STAFF, aircraftByMark: COURT_STAFF },
    Mutation: { recordVehicleSighting: staffOf('VEHICLES'), impoundVehicle: staffOf('VEHICLES') },
  },
  // Vehicles sends the impound notices to officers, so its process runs the outbox dispatcher.
  background: [outboxService],
});
