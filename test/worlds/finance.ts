import { generateCourt } from '../../seed/agencies/court';
import { generateFinance } from '../../seed/agencies/finance';
import { DEFAULT_AS_OF } from '../../seed/province';
import type { World } from '../../seed/world';
import { createRandom } from '../../domain/identifiers';
import type { ControlDocument } from '../../subgraphs/kit/register/model';
import type { FinanceAsset } from '../../subgraphs/finance/model';

/** A small province's court data and the finance register generated from it, shared by this folder's tests. */
export function financeTestData(seed: number, cases: number) {
  const court = generateCourt(createRandom(`${seed}:court`), cases, DEFAULT_AS_OF);
  const world: World = {
    asOf: DEFAULT_AS_OF,
    parties: court.parties,
    partyById: new Map(court.parties.map((p) => [p.id, p])),
    cases: court.cases,
  };
  const data = generateFinance(world, createRandom(`${seed}:finance`));
  return { world, data, assets: data.assets as FinanceAsset[], controls: data.controls as ControlDocument[] };
}
