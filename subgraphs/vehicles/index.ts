import { join } from 'node:path';
import { createRegisterLoaders } from '../kit/register/loaders';
import { registerIndexes } from '../kit/register/repository';
import { outboxIndexes } from '../kit/outbox';
import { defineSubgraph } from '../kit/subgraph';
import { registerRules } from '../kit/register/rules';
import { COURT_STAFF, staffOf } from '../kit/auth/rules';
import { VEHICLE_REGISTER } from './register';
import { registerTypeDefs } from '../kit/register/typeDefs';
import { impoundIndexes } from './impound';
import { createVehicleLoaders, vehicleIndexes } from './loaders';
import { vehicleResolvers } from './resolvers';

/** The traffic police vehicle registry (车辆管理所) and the civil aviation authority's aircraft register (民航局). */
export default defineSubgraph({
  name: 'vehicles',
  defaultPort: 4103,
  typeDefs: registerTypeDefs(VEHICLE_REGISTER, ['schema.graphql', 'roadside.graphql'].map((file) => join(__dirname, file))),
  resolvers: vehicleResolvers,
  createContext: ({ db }) => ({ register: createRegisterLoaders(db), vehicles: createVehicleLoaders(db) }),
  indexes: [...registerIndexes, ...vehicleIndexes, ...impoundIndexes, ...outboxIndexes()],
  rules: registerRules(VEHICLE_REGISTER, { Query: { motorVehicleByPlate: COURT_STAFF, motorVehicleByVin: COURT_STAFF, aircraftByMark: COURT_STAFF }, Mutation: { recordVehicleSighting: staffOf('VEHICLES'), impoundVehicle: staffOf('VEHICLES') } }),
  keys: { checks: ['LEGAL_BASIS'] },
});
