import { checkAircraftMark, checkPlate, checkVin, normaliseAircraftMark, normalisePlate, normaliseVin } from '../../domain/identifiers';
import type { AssetCategory } from '../../domain/assets';
import { mergeResolvers, type ResolverMap } from '../kit/resolverMaps';
import { identifierArg } from '../kit/validate';
import { lookUpAsset, type LookupArgs } from '../kit/register/lookups';
import { VEHICLE_REGISTER } from './register';
import type { VehicleContext } from './loaders';
import { roadsideResolvers } from './roadside';

async function assetOf(ctx: VehicleContext, id: string, category: AssetCategory) {
  const asset = await ctx.register.assetById.load(id);
  return asset?.category === category ? asset : null;
}

const look = (operation: string) => ({ agency: VEHICLE_REGISTER.agency, operation });

export const vehicleResolvers: ResolverMap<VehicleContext> = mergeResolvers<VehicleContext>(
  {
    Query: {
      // Each look-up answers only with a respondent's asset, through the court's notice (kit/register/lookups.ts).
      motorVehicleByPlate: (_: unknown, args: LookupArgs & { plate: string }, ctx: VehicleContext) => {
        const plate = identifierArg('plate', args.plate, checkPlate, normalisePlate);
        return lookUpAsset(ctx, args, look('motorVehicleByPlate'), () => ctx.vehicles.vehicleByPlate.load(plate));
      },
      motorVehicleByVin: (_: unknown, args: LookupArgs & { vin: string }, ctx: VehicleContext) => {
        const vin = identifierArg('vin', args.vin, checkVin, normaliseVin);
        return lookUpAsset(ctx, args, look('motorVehicleByVin'), () => assetOf(ctx, vin, 'MOTOR_VEHICLE'));
      },
      aircraftByMark: (_: unknown, args: LookupArgs & { mark: string }, ctx: VehicleContext) => {
        const mark = identifierArg('mark', args.mark, checkAircraftMark, normaliseAircraftMark);
        return lookUpAsset(ctx, args, look('aircraftByMark'), () => assetOf(ctx, mark, 'AIRCRAFT'));
      },
    },
  },
  roadsideResolvers,
);
