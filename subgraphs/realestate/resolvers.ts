import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parcelCode } from '../kit/identifiers';
import type { RealEstateContext } from './loaders';
import type { ControlDocument, UnitDocument } from './model';

/** The register this subgraph answers for, as shown on every asset it returns. */
const REGISTER = { agency: 'REALESTATE', name: '不动产登记簿 real-estate register' };

export const realEstateResolvers: GraphQLResolverMap<RealEstateContext> = {
  CaseParty: {
    // The case in the key is the legal basis of the look-up; it reaches this register with every request.
    realEstate: (ref: { caseNumber: string; partyId: string }, _: unknown, ctx: RealEstateContext) =>
      ctx.unitsByOwner.load(ref.partyId),
  },

  EnforcementCase: {
    realEstateControls: (ref: { caseNumber: string }, _: unknown, ctx: RealEstateContext) =>
      ctx.controlsByCase.load(ref.caseNumber),
  },

  RealEstateUnit: {
    __resolveReference: (ref: { id: string }, ctx: RealEstateContext) => ctx.unitById.load(ref.id),
    id: (unit: UnitDocument) => unit._id,
    valuationCurrency: () => 'CNY',
    register: (unit: UnitDocument) => ({ ...REGISTER, updatedAt: unit.registerUpdatedAt }),
    controls: (unit: UnitDocument, _: unknown, ctx: RealEstateContext) => ctx.controlsInForceByUnit.load(unit._id),
    parcelCode: (unit: UnitDocument) => parcelCode(unit._id),
    owners: (unit: UnitDocument) =>
      unit.owners.map((owner) => ({ partyId: owner.partyId, sharePercent: owner.shareBasisPoints / 100 })),
  },

  RealEstateControl: {
    __resolveReference: (ref: { id: string }, ctx: RealEstateContext) => ctx.controlById.load(ref.id),
    id: (control: ControlDocument) => control._id,
    amount: () => null,
  },
};
