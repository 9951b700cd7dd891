import type { Db } from 'mongodb';
import { badUserInput, domainError, ErrorCode, notFound } from '../../platform/errors';
import type { IndexDeclaration } from '../kit/mongo';
import type { ControlDocument } from '../kit/register/model';
import { IN_QUEUE } from '../kit/register/queue';
import { RegisterRepository } from '../kit/register/repository';
import type { ImpoundDocument, MotorVehicleDocument, VehicleImpound } from './model';
import { notifyOfficers } from './impoundNotice';
import { idempotencyKeyArg, textArg } from '../kit/validate';
import { SIGHTINGS, sealsInForce, type SightingDocument } from './sightings';
import { isDuplicateKey } from '../kit/mongo';

/** The decision to impound, one per sighting; the vehicle's `impound` mirrors it for readers. */
export const IMPOUNDS = 'impounds';
export const impoundIndexes: readonly IndexDeclaration[] = [
  { collection: IMPOUNDS, key: { idempotencyKey: 1 }, options: { unique: true } },
  { collection: IMPOUNDS, key: { vehicleId: 1, activeControlId: 1 }, options: { unique: true } },
];

export interface ImpoundInput {
  sightingId: string;
  impoundLot: string;
  idempotencyKey: string;
}

function refuse(message: string): never {
  throw domainError(ErrorCode.INVALID_TRANSITION, message);
}

/** An impound holds while any seal it was made for is still in force. */
export async function impoundInForce(
  impound: VehicleImpound | null | undefined,
  loadControl: (id: string) => Promise<ControlDocument | null>,
): Promise<boolean> {
  if (!impound) return false;
  const controls = await Promise.all(impound.controlIds.map(loadControl));
  return controls.some((control) => control?.state === IN_QUEUE);
}

/**
 * Impounds the vehicle of a sighting. The insert of the impound decides (a retry or a second checkpoint
 * collides with it); marking the vehicle and queueing the SMS follow, and a retry repeats them harmlessly,
 * so a crash between the steps loses nothing and sends nothing twice.
 */
export async function impoundVehicle(db: Db, input: ImpoundInput, now: Date): Promise<ImpoundDocument> {
  const lot = textArg('input.impoundLot', input.impoundLot, 100);
  const idempotencyKey = idempotencyKeyArg('input.idempotencyKey', input.idempotencyKey);
  const impounds = db.collection<ImpoundDocument>(IMPOUNDS);
  const register = new RegisterRepository<MotorVehicleDocument>(db);

  const retried = await impounds.findOne({ idempotencyKey });
  if (retried) return complete(db, sameImpound(retried, input.sightingId));
  const sighting = await db.collection<SightingDocument>(SIGHTINGS).findOne({ _id: input.sightingId });
  if (!sighting) throw notFound('sighting', input.sightingId);
  const already = await impounds.findOne({ _id: sighting._id });
  if (already) return complete(db, already);
  if (!sighting.vehicleId) refuse(`no registered vehicle carries plate ${sighting.plate}: nothing to impound`);
  const seals = sealsInForce(await register.controls.find({ assetId: sighting.vehicleId, state: IN_QUEUE }).toArray());
  if (seals.length === 0) refuse(`no seal is in force on ${sighting.plate}: police may not impound it`);
  const vehicle = await register.assets.findOne({ _id: sighting.vehicleId });
  if (await impoundInForce(vehicle?.impound, (id) => register.controls.findOne({ _id: id }))) {
    refuse(`${sighting.plate} is already impounded at ${vehicle?.impound?.lot}`);
  }

  const impound: ImpoundDocument = {
    _id: sighting._id,
    idempotencyKey,
    vehicleId: sighting.vehicleId,
    plate: sighting.plate,
    lot,
    since: now,
    sightingId: sighting._id,
    controlIds: seals.map((seal) => seal._id),
    activeControlId: seals[0]._id,
  };
  try {
    await impounds.insertOne(impound);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const original = (await impounds.findOne({ idempotencyKey })) ?? (await impounds.findOne({ _id: sighting._id }));
    if (!original) refuse(`${sighting.plate} was impounded from another sighting meanwhile`);
    return complete(db, original);
  }
  return complete(db, impound);
}

function sameImpound(impound: ImpoundDocument, sightingId: string): ImpoundDocument {
  if (impound._id !== sightingId) throw badUserInput('input.idempotencyKey', 'was already used for the impound of another sighting');
  return impound;
}

async function complete(db: Db, impound: ImpoundDocument): Promise<ImpoundDocument> {
  const { lot, since, sightingId, controlIds } = impound;
  // A late retry of an earlier impound must not overwrite a later one.
  await new RegisterRepository<MotorVehicleDocument>(db).assets.updateOne(
    { _id: impound.vehicleId, $or: [{ impound: null }, { 'impound.since': { $lte: since } }] },
    { $set: { impound: { lot, since, sightingId, controlIds } } },
  );
  await notifyOfficers(db, impound);
  return impound;
}
