import type { Random } from '../domain/identifiers';
import type { AssetDocument } from '../subgraphs/kit/register/model';
import type { AssetCategory } from '../domain/assets';
import type { PoolParty } from './pool';
import type { World } from './world';

/** Respondents of open cases, in pool order: the debtors an officer would look up today. */
export function openRespondents(world: World): PoolParty[] {
  const ids = new Set(world.cases.filter((c) => c.status === 'OPEN').flatMap((c) => c.respondentIds));
  return world.parties.filter((party) => ids.has(party.id));
}

/** How the asset that covers a category is made, and for whom. */
export interface CoverageMaker<T> {
  /** Only parties of this kind can hold the category at all (a provident fund account is a person's). */
  kind?: PoolParty['kind'];
  /** The likelier holders (a coastal owner for a vessel); any candidate still serves when none of them is a respondent. */
  prefer?: (party: PoolParty) => boolean;
  /** Several where an asset never stands alone: a fishing vessel comes with its licence. */
  make: (holder: PoolParty) => T | T[];
}

/**
 * Guarantees that every category is held by some respondent of an open case, even in a small
 * province where a rare category (an aircraft, a mining right) would otherwise be drawn by no one:
 * the end-to-end tests and the demo need a debtor for each. Adds the missing assets to `assets`.
 */
export function ensureEachCategoryHeld<T extends AssetDocument>(
  world: World,
  random: Random,
  assets: T[],
  makers: Partial<Record<AssetCategory, CoverageMaker<T>>>,
): void {
  const respondents = openRespondents(world);
  const respondentIds = new Set(respondents.map((p) => p.id));
  for (const [category, maker] of Object.entries(makers) as [AssetCategory, CoverageMaker<T>][]) {
    if (assets.some((a) => a.category === category && a.ownerIds.some((id) => respondentIds.has(id)))) continue;
    const candidates = respondents.filter((p) => !maker.kind || p.kind === maker.kind);
    if (candidates.length === 0) continue;
    const preferred = maker.prefer ? candidates.filter(maker.prefer) : [];
    assets.push(...new Array<T>().concat(maker.make(random.pick(preferred.length > 0 ? preferred : candidates))));
  }
}
