import type { ResolverMap } from '../kit/resolverMaps';
import { notFound } from '../../platform/errors';
import type { ControlDocument } from '../kit/register/model';
import { impoundInForce, impoundVehicle, type ImpoundInput } from './impound';
import type { VehicleContext } from './loaders';
import type { MotorVehicleDocument, VehicleImpound } from './model';
import { recordSighting, sealsInForce, type SightingDocument, type SightingInput } from './sightings';
import { nowOf } from '../../platform/clock';

const controlsOf = async (ids: readonly string[], ctx: VehicleContext) =>
  (await Promise.all(ids.map((id) => ctx.register.controlById.load(id)))).filter((c): c is ControlDocument => c !== null);

const inForce = (impound: VehicleImpound | null | undefined, ctx: VehicleContext) =>
  impoundInForce(impound, (id) => ctx.register.controlById.load(id));

async function vehicleOf(sighting: SightingDocument, ctx: VehicleContext): Promise<MotorVehicleDocument | null> {
  if (!sighting.vehicleId) return null;
  const asset = await ctx.register.assetById.load(sighting.vehicleId);
  return asset?.category === 'MOTOR_VEHICLE' ? (asset as MotorVehicleDocument) : null;
}

const sealsOf = async (sighting: SightingDocument, ctx: VehicleContext) =>
  sighting.vehicleId ? sealsInForce(await ctx.register.queueByAsset.load(sighting.vehicleId)) : [];

/** Traffic police at the roadside (云执车): sightings of sealed vehicles and impounds. */
export const roadsideResolvers: ResolverMap<VehicleContext> = {
  Mutation: {
    recordVehicleSighting: (_: unknown, args: { input: SightingInput }, ctx: VehicleContext) =>
      recordSighting(ctx.register.repository.db, args.input, nowOf(ctx)),
    impoundVehicle: (_: unknown, args: { input: ImpoundInput }, ctx: VehicleContext) =>
      impoundVehicle(ctx.register.repository.db, args.input, nowOf(ctx)),
  },
  VehicleSighting: {
    id: (sighting: SightingDocument) => sighting._id,
    vehicle: (sighting: SightingDocument, _: unknown, ctx: VehicleContext) => vehicleOf(sighting, ctx),
    controls: (sighting: SightingDocument, _: unknown, ctx: VehicleContext) => sealsOf(sighting, ctx),
    impoundRequired: async (sighting: SightingDocument, _: unknown, ctx: VehicleContext) =>
      (await sealsOf(sighting, ctx)).length > 0 && !(await inForce((await vehicleOf(sighting, ctx))?.impound, ctx)),
  },
  VehicleImpound: {
    sighting: async (impound: VehicleImpound, _: unknown, ctx: VehicleContext) => {
      const sighting = await ctx.vehicles.sightingById.load(impound.sightingId);
      if (!sighting) throw notFound('sighting', impound.sightingId);
      return sighting;
    },
    controls: (impound: VehicleImpound, _: unknown, ctx: VehicleContext) => controlsOf(impound.controlIds, ctx),
  },
  MotorVehicle: {
    impound: async (vehicle: MotorVehicleDocument, _: unknown, ctx: VehicleContext) =>
      (await inForce(vehicle.impound, ctx)) ? vehicle.impound : null,
  },
};
