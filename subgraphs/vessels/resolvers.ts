import { checkFishingHullName, checkImo, checkMmsi } from '../../domain/identifiers';
import { mergeResolvers, type ResolverMap } from '../kit/resolverMaps';
import { caseNumberArg, identifierArg } from '../kit/validate';
import { detentionResolvers } from './detention';
import type { VesselContext } from './loaders';
import type { FishingLicenceDocument, FishingVesselDocument, VesselAsset } from './model';

function ofCategory<C extends VesselAsset['category']>(asset: VesselAsset | null, category: C): Extract<VesselAsset, { category: C }> | null {
  return asset?.category === category ? (asset as Extract<VesselAsset, { category: C }>) : null;
}

type LookupArgs<K extends string> = Record<K, string> & { caseNumber: string };

export const vesselResolvers: ResolverMap<VesselContext> = mergeResolvers<VesselContext>({
  Query: {
    // Every look-up names its case: an officer may search a register only for a party of an open case.
    merchantVesselByMmsi: async (_: unknown, args: LookupArgs<'mmsi'>, ctx: VesselContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      const mmsi = identifierArg('mmsi', args.mmsi.trim(), checkMmsi);
      return ofCategory(await ctx.vessels.byMmsi.load(mmsi), 'MERCHANT_VESSEL');
    },
    merchantVesselByImo: async (_: unknown, args: LookupArgs<'imo'>, ctx: VesselContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      // Officers copy "IMO 9074729" from certificates; the register stores the digits.
      const imo = identifierArg('imo', args.imo.trim().replace(/^IMO\s*/i, ''), checkImo);
      return ofCategory(await ctx.vessels.byImo.load(imo), 'MERCHANT_VESSEL');
    },
    fishingVesselByHullName: async (_: unknown, args: LookupArgs<'hullName'>, ctx: VesselContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      const hullName = identifierArg('hullName', args.hullName.replace(/\s+/g, ''), checkFishingHullName);
      return ofCategory(await ctx.vessels.byHullName.load(hullName), 'FISHING_VESSEL');
    },
  },
  FishingVessel: {
    licences: (vessel: FishingVesselDocument, _: unknown, ctx: VesselContext) => ctx.vessels.licencesByVessel.load(vessel._id),
  },
  FishingLicence: {
    vessel: async (licence: FishingLicenceDocument, _: unknown, ctx: VesselContext) =>
      ofCategory((await ctx.register.assetById.load(licence.vesselId)) as VesselAsset | null, 'FISHING_VESSEL'),
  },
}, detentionResolvers);
