import { checkCitizenId, checkIpNumber, checkUscc, createRandom, patentKindOf } from '../../domain/identifiers';
import type { MarketAsset } from '../../subgraphs/market/model';
import { DEFAULT_AS_OF } from '../province';
import { generateCourt } from './court';
import { generateMarket } from './market';

function province(seed: string, cases: number) {
  const court = generateCourt(createRandom(`${seed}:court`), cases, DEFAULT_AS_OF);
  const world = {
    asOf: DEFAULT_AS_OF,
    parties: court.parties,
    partyById: new Map(court.parties.map((p) => [p.id, p])),
    cases: court.cases,
  };
  return { world, data: generateMarket(world, createRandom(`${seed}:market`)) };
}

describe('market seed', () => {
  const { world, data } = province('7', 400);
  const assets = data.assets as MarketAsset[];

  it.each(['7', '21', '300'])('gives every category to some respondent of an open case (seed %s)', (seed) => {
    const small = province(seed, 300);
    const open = new Set(small.world.cases.filter((c) => c.status === 'OPEN').flatMap((c) => c.respondentIds));
    const held = (small.data.assets as MarketAsset[]).filter((a) => a.ownerIds.some((id) => open.has(id))).map((a) => a.category);
    expect(new Set(held)).toEqual(new Set(['COMPANY_EQUITY', 'UNLISTED_SHARES', 'INTELLECTUAL_PROPERTY']));
  });

  it('is deterministic and has unique ids', () => {
    expect(province('7', 400).data).toEqual(data);
    expect(new Set(assets.map((a) => a._id)).size).toBe(assets.length);
  });

  it('generates identifiers that pass the kit checks', () => {
    for (const asset of assets) {
      for (const owner of asset.ownerIds)
        expect([owner, checkUscc(owner) === null || checkCitizenId(owner) === null]).toEqual([owner, true]);
      if (asset.category === 'INTELLECTUAL_PROPERTY') {
        expect([asset._id, checkIpNumber(asset._id)]).toEqual([asset._id, null]);
        if (asset._id.startsWith('ZL')) expect(patentKindOf(asset._id)).toBe(asset.kind);
      } else {
        expect([asset.companyId, checkUscc(asset.companyId)]).toEqual([asset.companyId, null]);
      }
      if (asset.category === 'COMPANY_EQUITY') expect(asset._id).toBe(`${asset.companyId}:${asset.ownerIds[0]}`);
    }
  });

  it('keeps each company register within 100% and draws target companies from the pool', () => {
    const equity = assets.filter((a) => a.category === 'COMPANY_EQUITY');
    const totals = new Map<string, number>();
    for (const e of equity) totals.set(e.companyId, (totals.get(e.companyId) ?? 0) + e.sharePercent);
    expect(Math.max(...totals.values())).toBeLessThanOrEqual(100);
    expect(equity.filter((e) => world.partyById.get(e.companyId)?.kind === 'ORGANISATION').length / equity.length).toBeGreaterThan(0.9);
    expect(equity.every((e) => e.paidInCapital <= e.subscribedCapital && e.subscribedCapital <= e.registeredCapital)).toBe(true);
  });

  it('secures pledges and discloses exactly the equity under an active freeze', () => {
    const controls = data.controls as { assetId: string; status: string; measure: string }[];
    expect(controls.every((c) => c.measure === 'FREEZE')).toBe(true);
    const frozen = new Set(controls.filter((c) => c.status === 'ACTIVE').map((c) => c.assetId));
    for (const asset of assets.filter((a) => a.category === 'COMPANY_EQUITY')) {
      expect(asset.freezeDisclosedOn !== null).toBe(frozen.has(asset._id));
      expect(asset.securedClaims).toBe(asset.pledge?.amount ?? 0);
    }
    expect(assets.some((a) => a.category === 'COMPANY_EQUITY' && a.pledge !== null)).toBe(true);
  });

  it('keeps intellectual property in force at the as-of date', () => {
    for (const asset of assets) {
      if (asset.category !== 'INTELLECTUAL_PROPERTY') continue;
      expect(asset.registeredOn.getTime()).toBeLessThan(DEFAULT_AS_OF.getTime());
      expect(asset.expiresOn.getTime()).toBeGreaterThan(DEFAULT_AS_OF.getTime());
    }
  });
});
