import { join } from 'node:path';
import { COURT_STAFF, staffOf } from '../kit/auth/rules';
import { createRegisterLoaders } from '../kit/register/loaders';
import { defineRegisterSubgraph } from '../kit/register/subgraph';
import { detentionIndexes } from './detention';
import { createVesselLoaders, vesselIndexes } from './loaders';
import { VESSEL_REGISTER } from './register';
import { vesselResolvers } from './resolvers';

/** The maritime administration's ship register (海事局) and the fishery administration's registers (渔政): vessels and fishing licences. */
export default defineRegisterSubgraph(VESSEL_REGISTER, {
  name: 'vessels',
  defaultPort: 4104,
  schemaFiles: ['schema.graphql', 'detention.graphql'].map((file) => join(__dirname, file)),
  resolvers: vesselResolvers,
  createContext: ({ db }) => ({ register: createRegisterLoaders(db), vessels: createVesselLoaders(db) }),
  indexes: [...vesselIndexes, ...detentionIndexes],
  rules: {
    Query: {
      merchantVesselByMmsi: COURT_STAFF,
      merchantVesselByImo: COURT_STAFF,
      fishingVesselByHullName: COURT_STAFF,
      vesselsToLocate: staffOf('VESSELS'),
    },
    Mutation: { recordVesselDetention: staffOf('VESSELS') },
  },
});
