import { checkFishingHullName, checkImo, checkMmsi } from '../../domain/identifiers';
import { mergeResolvers, type ResolverMap } from '../kit/resolverMaps';
import { identifierArg } from '../kit/validate';
import { lookUpAsset, type LookupArgs } from '../kit/register/lookups';
import { VESSEL_REGISTER } from './register';
import { detentionResolvers } from './detention';
import type { VesselContext } from './loaders';
import type { FishingLicenceDocument, FishingVesselDocument, VesselAsset } from './model';

function ofCategory<C extends VesselAsset['category']>(
  asset: VesselAsset | null,
  category: C,
): Extract<VesselAsset, { category: C }> | null {
  return asset?.category === category ? (asset as Extract<VesselAsset, { category: C }>) : null;
}

const look = (operation: string) => ({ agency: VESSEL_REGISTER.agency, operation });

export const vesselResolvers: ResolverMap<VesselContext> = mergeResolvers<VesselContext>(
  {
    Query: {
      // Each look-up answers only with a respondent's vessel, through the court's notice (kit/register/lookups.ts).
      merchantVesselByMmsi: (_: unknown, args: LookupArgs & { mmsi: string }, ctx: VesselContext) => {
        const mmsi = identifierArg('mmsi', args.mmsi, checkMmsi);
        return lookUpAsset(ctx, args, look('merchantVesselByMmsi'), async () =>
          ofCategory(await ctx.vessels.byMmsi.load(mmsi), 'MERCHANT_VESSEL'),
        );
      },
      merchantVesselByImo: (_: unknown, args: LookupArgs & { imo: string }, ctx: VesselContext) => {
        // Officers copy "IMO 9074729" from certificates; the register stores the digits.
        const imo = identifierArg('imo', args.imo, checkImo, (value) => value.trim().replace(/^IMO\s*/i, ''));
        return lookUpAsset(ctx, args, look('merchantVesselByImo'), async () =>
          ofCategory(await ctx.vessels.byImo.load(imo), 'MERCHANT_VESSEL'),
        );
      },
      fishingVesselByHullName: (_: unknown, args: LookupArgs & { hullName: string }, ctx: VesselContext) => {
        const hullName = identifierArg('hullName', args.hullName, checkFishingHullName, (value) => value.replace(/\s+/g, ''));
        return lookUpAsset(ctx, args, look('fishingVesselByHullName'), async () =>
          ofCategory(await ctx.vessels.byHullName.load(hullName), 'FISHING_VESSEL'),
        );
      },
    },
    FishingVessel: {
      licences: (vessel: FishingVesselDocument, _: unknown, ctx: VesselContext) => ctx.vessels.licencesByVessel.load(vessel._id),
    },
    FishingLicence: {
      vessel: async (licence: FishingLicenceDocument, _: unknown, ctx: VesselContext) =>
        ofCategory((await ctx.register.assetById.load(licence.vesselId)) as VesselAsset | null, 'FISHING_VESSEL'),
    },
  },
  detentionResolvers,
);
