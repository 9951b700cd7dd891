import { checkAircraftMark, checkPlate, checkVin, normaliseAircraftMark, normalisePlate, normaliseVin } from '../../domain/identifiers';
import type { AssetCategory } from '../../domain/assets';
import { mergeResolvers, type ResolverMap } from '../kit/resolverMaps';
import { caseNumberArg, identifierArg } from '../kit/validate';
import type { VehicleContext } from './loaders';
import { roadsideResolvers } from './roadside';

async function assetOf(ctx: VehicleContext, id: string, category: AssetCategory) {
  const asset = await ctx.register.assetById.load(id);
  return asset?.category === category ? asset : null;
}

export const vehicleResolvers: ResolverMap<VehicleContext> = mergeResolvers<VehicleContext>({
  Query: {
    // The case number is the legal basis every asset query must name; it is checked before the register is read.
    motorVehicleByPlate: (_: unknown, args: { plate: string; caseNumber: string }, ctx: VehicleContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      const plate = identifierArg('plate', args.plate, checkPlate, normalisePlate);
      return ctx.vehicles.vehicleByPlate.load(plate);
    },
    motorVehicleByVin: (_: unknown, args: { vin: string; caseNumber: string }, ctx: VehicleContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      return assetOf(ctx, identifierArg('vin', args.vin, checkVin, normaliseVin), 'MOTOR_VEHICLE');
    },
    aircraftByMark: (_: unknown, args: { mark: string; caseNumber: string }, ctx: VehicleContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      return assetOf(ctx, identifierArg('mark', args.mark, checkAircraftMark, normaliseAircraftMark), 'AIRCRAFT');
    },
  },
}, roadsideResolvers);
