import { join } from 'node:path';
import { createRegisterLoaders } from '../kit/register/loaders';
import { registerIndexes } from '../kit/register/repository';
import { defineSubgraph } from '../kit/subgraph';
import { registerRules } from '../kit/register/rules';
import { COURT_STAFF, staffOf } from '../kit/auth/rules';
import { VESSEL_REGISTER } from './register';
import { registerTypeDefs } from '../kit/register/typeDefs';
import { detentionIndexes } from './detention';
import { createVesselLoaders, vesselIndexes, type VesselContext } from './loaders';
import { vesselResolvers } from './resolvers';

/** The maritime administration's ship register (海事局) and the fishery administration's registers (渔政): vessels and fishing licences. */
export default defineSubgraph({
  name: 'vessels',
  defaultPort: 4104,
  typeDefs: registerTypeDefs(VESSEL_REGISTER, ['schema.graphql', 'detention.graphql'].map((file) => join(__dirname, file))),
  resolvers: vesselResolvers,
  createContext: ({ db }): VesselContext => ({ register: createRegisterLoaders(db), vessels: createVesselLoaders(db) }),
  indexes: [...registerIndexes, ...vesselIndexes, ...detentionIndexes],
  rules: registerRules(VESSEL_REGISTER, { Query: { merchantVesselByMmsi: COURT_STAFF, merchantVesselByImo: COURT_STAFF, fishingVesselByHullName: COURT_STAFF, vesselsToLocate: staffOf('VESSELS') }, Mutation: { recordVesselDetention: staffOf('VESSELS') } }),
  keys: { checks: ['LEGAL_BASIS'] },
});
