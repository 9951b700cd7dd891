import { generateCourt } from '../../seed/agencies/court';
import { generateVehicles } from '../../seed/agencies/vehicles';
import { DEFAULT_AS_OF } from '../../seed/province';
import type { World } from '../../seed/world';
import { createRandom } from '../../domain/identifiers';
import type { ControlDocument } from '../../subgraphs/kit/register/model';
import type { AircraftDocument, MotorVehicleDocument, VehicleAsset } from '../../subgraphs/vehicles/model';

/** A small province built the way the seed builds it: the court's parties and cases, then this register. */
export function vehicleTestData(seed: number, cases: number) {
  const court = generateCourt(createRandom(`${seed}:court`), cases, DEFAULT_AS_OF);
  const world: World = {
    asOf: DEFAULT_AS_OF,
    parties: court.parties,
    partyById: new Map(court.parties.map((p) => [p.id, p])),
    cases: court.cases,
  };
  const data = generateVehicles(world, createRandom(`${seed}:vehicles`));
  const assets = data.assets as VehicleAsset[];
  return {
    world,
    data,
    assets,
    vehicles: assets.filter((a): a is MotorVehicleDocument => a.category === 'MOTOR_VEHICLE'),
    aircraft: assets.filter((a): a is AircraftDocument => a.category === 'AIRCRAFT'),
    controls: data.controls as ControlDocument[],
  };
}

/** A case number that parses, for look-ups whose legal basis is not what the test is about. */
export const CASE = '（2026）浙0102执1号';
