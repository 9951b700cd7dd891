import { badUserInput } from '../../platform/errors';
import { checkAircraftMark, checkPlate, checkVin, normaliseAircraftMark, normalisePlate, normaliseVin } from '../../domain/identifiers';
import type { AssetCategory } from '../../domain/assets';
import { mergeResolvers, type ResolverMap } from '../kit/resolverMaps';
import { caseNumberArg } from '../kit/validate';
import type { VehicleContext } from './loaders';
import { roadsideResolvers } from './roadside';

/** Throws BAD_USER_INPUT naming the argument when `check` finds a reason, else returns the value. */
function identifierArg(field: string, value: string, check: (s: string) => string | null): string {
  const reason = check(value);
  if (reason !== null) throw badUserInput(field, reason);
  return value;
}

async function assetOf(ctx: VehicleContext, id: string, category: AssetCategory) {
  const asset = await ctx.register.assetById.load(id);
  return asset?.category === category ? asset : null;
}

export const vehicleResolvers: ResolverMap<VehicleContext> = mergeResolvers<VehicleContext>({
  Query: {
    // The case number is the legal basis every asset query must name; it is checked before the register is read.
    motorVehicleByPlate: (_: unknown, args: { plate: string; caseNumber: string }, ctx: VehicleContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      const plate = normalisePlate(identifierArg('plate', args.plate, checkPlate));
      return ctx.vehicles.vehicleByPlate.load(plate);
    },
    motorVehicleByVin: (_: unknown, args: { vin: string; caseNumber: string }, ctx: VehicleContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      return assetOf(ctx, identifierArg('vin', normaliseVin(args.vin), checkVin), 'MOTOR_VEHICLE');
    },
    aircraftByMark: (_: unknown, args: { mark: string; caseNumber: string }, ctx: VehicleContext) => {
      caseNumberArg('caseNumber', args.caseNumber);
      return assetOf(ctx, identifierArg('mark', normaliseAircraftMark(args.mark), checkAircraftMark), 'AIRCRAFT');
    },
  },
}, roadsideResolvers());
