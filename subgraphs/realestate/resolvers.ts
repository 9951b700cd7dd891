import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parcelCode } from '../kit/identifiers';
import type { RegisterContext } from '../kit/register/loaders';
import { mergeResolvers } from '../kit/resolverMaps';
import { registerResolvers } from '../kit/register/resolvers';
import type { LandUseRightDocument, UnitDocument } from './model';
import { REAL_ESTATE_REGISTER } from './register';

const owned = (doc: { ownerIds: string[]; owners?: { partyId: string; shareBasisPoints: number }[] }) =>
  (doc.owners ?? doc.ownerIds.map((partyId) => ({ partyId, shareBasisPoints: 10_000 }))).map((owner) => ({
    partyId: owner.partyId,
    sharePercent: owner.shareBasisPoints / 100,
  }));

export const realEstateResolvers: GraphQLResolverMap<RegisterContext> = mergeResolvers(registerResolvers(REAL_ESTATE_REGISTER), {
  CaseParty: {
    realEstate: async (ref: { partyId: string }, _: unknown, ctx: RegisterContext) =>
      (await ctx.register.assetsByOwner.load(ref.partyId)).filter((asset) => asset.category === 'REAL_ESTATE'),
  },
  RealEstateUnit: {
    parcelCode: (unit: UnitDocument) => parcelCode(unit._id),
    owners: owned,
  },
  LandUseRight: {
    owners: owned,
    termEndsOn: (land: LandUseRightDocument) => land.termEndsOn,
  },
});
