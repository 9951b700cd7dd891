import type { ResolverMap } from '../kit/resolverMaps';
import { badUserInput, domainError, ErrorCode, notFound } from '../../platform/errors';
import type { IndexDeclaration } from '../kit/mongo';
import { REGISTER_COLLECTIONS, type ControlDocument } from '../kit/register/model';
import { IN_QUEUE, isExecuted } from '../kit/register/queue';
import { RegisterRepository } from '../kit/register/repository';
import { pageSizeArg } from '../kit/validate';
import type { VesselContext } from './loaders';
import type { FishingVesselDocument, MerchantVesselDocument, VesselAsset, VesselDetention } from './model';
import { nowOf } from '../../platform/clock';

type Vessel = MerchantVesselDocument | FishingVesselDocument;

export const detentionIndexes: readonly IndexDeclaration[] = [
  // The staff's work list: open DETAIN requests, oldest first.
  { collection: REGISTER_COLLECTIONS.controls, key: { measure: 1, requestState: 1, requestedAt: 1 } },
];

export interface DetentionPlace {
  port: string;
  latitude: number;
  longitude: number;
}

function placeArg(args: DetentionPlace): DetentionPlace {
  const port = args.port.trim();
  if (port.length === 0 || port.length > 60) throw badUserInput('port', 'must be 1 to 60 characters');
  if (!Number.isFinite(args.latitude) || Math.abs(args.latitude) > 90) throw badUserInput('latitude', 'must be between -90 and 90');
  if (!Number.isFinite(args.longitude) || Math.abs(args.longitude) > 180) throw badUserInput('longitude', 'must be between -180 and 180');
  return { port, latitude: args.latitude, longitude: args.longitude };
}

function refuse(controlId: string, reason: string): never {
  throw domainError(ErrorCode.INVALID_TRANSITION, `cannot record a detention under control ${controlId}: ${reason}`);
}

/**
 * Records where a vessel is held under an executed DETAIN measure. The place is kept on the vessel,
 * where patrols and the court read it; a second measure cannot take over a detention still in force.
 */
export async function recordVesselDetention(
  register: RegisterRepository<VesselAsset>,
  controlId: string,
  place: DetentionPlace,
  now: Date,
): Promise<ControlDocument> {
  const checked = placeArg(place);
  const control = await register.controls.findOne({ _id: controlId });
  if (!control) throw notFound('control measure', controlId);
  if (control.measure !== 'DETAIN') refuse(controlId, `it is a ${control.measure} measure, not DETAIN`);
  if (control.state !== IN_QUEUE) refuse(controlId, `it is ${control.state}`);
  if (!isExecuted(control)) refuse(controlId, `it is ${control.requestState}, not yet executed`);

  const vessel = (await register.assets.findOne({ _id: control.assetId })) as Vessel | null;
  if (!vessel) throw notFound('vessel', control.assetId);
  const existing = vessel.detention ?? null;
  if (existing && existing.controlId !== controlId && (await register.controls.findOne({ _id: existing.controlId, state: IN_QUEUE }))) {
    refuse(controlId, `the vessel is already held under control ${existing.controlId}`);
  }
  const detention: VesselDetention = {
    controlId,
    ...checked,
    since: existing?.controlId === controlId ? existing.since : now,
    recordedAt: now,
  };
  // The filter repeats the detention read above, so two measures racing for the vessel cannot both win silently.
  const result = await register.assets.updateOne(
    { _id: vessel._id, 'detention.controlId': existing?.controlId ?? null },
    { $set: { detention } },
  );
  if (result.matchedCount === 0) refuse(controlId, 'the vessel’s detention changed meanwhile; try again');
  return control;
}

const isVessel = (asset: VesselAsset | null): asset is Vessel =>
  asset?.category === 'MERCHANT_VESSEL' || asset?.category === 'FISHING_VESSEL';

async function vesselOf(control: ControlDocument, ctx: VesselContext): Promise<Vessel> {
  const asset = (await ctx.register.assetById.load(control.assetId)) as VesselAsset | null;
  if (!isVessel(asset)) throw notFound('vessel', control.assetId);
  return asset;
}

/** A detention shows only while its measure is in force: releasing the measure releases the vessel. */
async function detentionInForce(vessel: Vessel, _: unknown, ctx: VesselContext): Promise<VesselDetention | null> {
  if (!vessel.detention) return null;
  const control = await ctx.register.controlById.load(vessel.detention.controlId);
  return control?.state === IN_QUEUE ? vessel.detention : null;
}

export const detentionResolvers: ResolverMap<VesselContext> = {
  Query: {
    vesselsToLocate: (_: unknown, args: { first?: number | null }, ctx: VesselContext) =>
      ctx.register.repository.controls
        .find({ measure: 'DETAIN', state: IN_QUEUE, requestState: { $in: ['RECEIVED', 'ACKNOWLEDGED'] } })
        .sort({ requestedAt: 1, _id: 1 })
        .limit(pageSizeArg('first', args.first ?? 50, 500))
        .toArray(),
  },
  Mutation: {
    recordVesselDetention: (_: unknown, args: DetentionPlace & { controlId: string }, ctx: VesselContext) =>
      recordVesselDetention(new RegisterRepository<VesselAsset>(ctx.register.repository.db), args.controlId, args, nowOf(ctx)),
  },
  VesselToLocate: {
    control: (control: ControlDocument) => control,
    vessel: (control: ControlDocument, _: unknown, ctx: VesselContext) => vesselOf(control, ctx),
    vesselName: async (control: ControlDocument, _: unknown, ctx: VesselContext) => {
      const vessel = await vesselOf(control, ctx);
      return vessel.category === 'MERCHANT_VESSEL' ? vessel.name : vessel.hullName;
    },
    mmsi: async (control: ControlDocument, _: unknown, ctx: VesselContext) => (await vesselOf(control, ctx)).mmsi,
    lastKnownPosition: async (control: ControlDocument, _: unknown, ctx: VesselContext) =>
      (await vesselOf(control, ctx)).lastKnownPosition ?? null,
    secondsWaiting: (control: ControlDocument, _: unknown, ctx: VesselContext) =>
      Math.max(0, Math.round((nowOf(ctx).getTime() - control.requestedAt.getTime()) / 1000)),
  },
  MerchantVessel: { detention: detentionInForce },
  FishingVessel: { detention: detentionInForce },
};
