import type { Random } from '../../domain/identifiers';
import type { AssetDocument } from '../../subgraphs/kit/register/model';
import type { ControlMeasure } from '../../domain/assets';
import { rankedControls, touchRegister } from '../controls';
import { ensureEachCategoryHeld } from '../coverage';
import type { AgencyData, World } from '../world';
import type { Draw } from './finance/draw';
import { holdingsOf } from './finance/holdings';
import { coverageMakers } from './finance/makers';

const measureFor = (asset: AssetDocument): ControlMeasure | null =>
  asset.category === 'SOCIAL_INSURANCE' ? null : asset.category === 'RECEIVABLE' ? 'WITHHOLD' : 'FREEZE';

/** Never control more than the debt: the part of the value a court can reach, capped at the amount owed. */
const amountFor = (asset: AssetDocument, amountOwed: number): number | null =>
  asset.estimatedValue === null ? null : Math.min(Math.max(0, asset.estimatedValue - asset.securedClaims), amountOwed);

/** Accounts, funds, policies, employment records and receivables of the pool's parties, and the measures on them. */
export function generateFinance(world: World, random: Random): AgencyData {
  const draw: Draw = {
    random,
    asOf: world.asOf,
    taken: new Set(),
    parties: world.parties,
    organisations: world.parties.filter((party) => party.kind === 'ORGANISATION'),
    phones: new Map(),
  };
  const assets = world.parties.flatMap((party) => holdingsOf(draw, party));
  ensureEachCategoryHeld(world, random, assets, coverageMakers(draw));
  const controls = rankedControls(world, random, assets, { prefix: 'FI', probability: 0.8, measureFor, amountFor });
  touchRegister(assets, controls);
  return { assets, controls };
}
