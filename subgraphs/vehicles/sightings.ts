import { isDuplicateKey } from '../kit/mongo';
import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { idempotencyKeyArg, textArg } from '../kit/validate';
import { badUserInput } from '../../platform/errors';
import { checkPlate, normalisePlate } from '../../domain/identifiers';
import type { ControlDocument } from '../kit/register/model';
import { isExecuted, ranked } from '../kit/register/queue';
import { RegisterRepository } from '../kit/register/repository';
import type { MotorVehicleDocument } from './model';

/** A vehicle seen by traffic police (云执车 checkpoint or patrol). */
export interface SightingDocument {
  _id: string;
  idempotencyKey: string;
  plate: string;
  /** The VIN of the registered vehicle carrying the plate, null for a plate nobody registered. */
  vehicleId: string | null;
  checkpoint: string;
  sightedAt: Date;
  recordedAt: Date;
}

export const SIGHTINGS = 'sightings';

export interface SightingInput {
  plate: string;
  checkpoint: string;
  sightedAt?: Date | null;
  idempotencyKey: string;
}

/** Clocks of checkpoint cameras drift; a report a few minutes ahead is still believed. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The id follows from the key, so a retry's insert collides with its original: the one decision FerretDB makes atomically. */
const sightingIdOf = (key: string) => `SG-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;

function sameSighting(existing: SightingDocument, plate: string): SightingDocument {
  if (existing.plate !== plate) throw badUserInput('input.idempotencyKey', 'was already used for a sighting of another plate');
  return existing;
}

export async function recordSighting(db: Db, input: SightingInput, now: Date): Promise<SightingDocument> {
  const problem = checkPlate(input.plate);
  if (problem) throw badUserInput('input.plate', problem);
  const plate = normalisePlate(input.plate);
  const checkpoint = textArg('input.checkpoint', input.checkpoint, 100);
  const sightedAt = input.sightedAt ?? now;
  if (sightedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw badUserInput('input.sightedAt', 'is in the future');
  const idempotencyKey = idempotencyKeyArg('input.idempotencyKey', input.idempotencyKey);

  const sightings = db.collection<SightingDocument>(SIGHTINGS);
  const _id = sightingIdOf(idempotencyKey);
  const existing = await sightings.findOne({ _id });
  if (existing) return sameSighting(existing, plate);
  const vehicle = await new RegisterRepository<MotorVehicleDocument>(db).assets.findOne({ plate, category: 'MOTOR_VEHICLE' });
  const sighting: SightingDocument = {
    _id,
    idempotencyKey,
    plate,
    vehicleId: vehicle?._id ?? null,
    checkpoint,
    sightedAt,
    recordedAt: now,
  };
  try {
    await sightings.insertOne(sighting);
    return sighting;
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return sameSighting((await sightings.findOne({ _id })) as SightingDocument, plate);
  }
}

/** The executed seals in force on a vehicle, in queue order: what makes police impound it. */
export function sealsInForce(queue: readonly ControlDocument[]): ControlDocument[] {
  return ranked(queue)
    .map((entry) => entry.control)
    .filter((control) => control.measure === 'SEAL' && isExecuted(control));
}
