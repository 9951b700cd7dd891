import type { Random } from '../../domain/identifiers';
import type { ControlDocument } from '../../subgraphs/kit/register/model';
import type { CompanyEquityDocument, MarketAsset } from '../../subgraphs/market/model';
import { rankedControls, touchRegister } from '../controls';
import { ensureEachCategoryHeld } from '../coverage';
import type { PoolParty } from '../pool';
import { DAY_MS, type AgencyData, type World } from '../world';
import { companyEquity, freshCompany, newBook, unlistedShares, type CompanyBook } from './marketEquity';
import { intellectualProperty, randomOrganisationIpKind } from './marketIp';

/** Draws equity from the pool's own organisations, so a debtor's shareholders are parties of the province too. */
function equityDrawer(world: World, random: Random) {
  const organisations = world.parties.filter((p) => p.kind === 'ORGANISATION');
  const respondents = new Set(world.cases.flatMap((c) => c.respondentIds));
  const debtorCompanies = organisations.filter((o) => respondents.has(o.id));
  const books = new Map<string, CompanyBook>();
  const ids = new Set<string>();
  const bookOf = (company: { id: string; name: string }): CompanyBook => {
    const book = books.get(company.id) ?? newBook(random, company);
    books.set(company.id, book);
    return book;
  };
  const keep = (equity: CompanyEquityDocument) => {
    ids.add(equity._id);
    return equity;
  };
  return (holder: PoolParty): CompanyEquityDocument => {
    for (let attempt = 0; attempt < 8; attempt++) {
      // Half the holdings are in debtor companies: the links that matter for piercing the corporate veil.
      const candidates = debtorCompanies.length > 0 && random.chance(0.5) ? debtorCompanies : organisations;
      if (candidates.length === 0) break;
      const target = random.pick(candidates);
      if (ids.has(`${target.id}:${holder.id}`)) continue;
      const equity = companyEquity(random, holder, bookOf(target), world.asOf);
      if (equity) return keep(equity);
    }
    const equity = companyEquity(random, holder, bookOf(freshCompany(random)), world.asOf);
    if (!equity) throw new Error('a fresh company has all its shares to give');
    return keep(equity);
  };
}

/** A frozen equity is published in the enterprise credit information publicity system on the day of the freeze. */
function discloseFreezes(assets: MarketAsset[], controls: readonly ControlDocument[]): void {
  const frozen = new Map(controls.filter((c) => c.status === 'ACTIVE' && c.executedAt).map((c) => [c.assetId, c.executedAt as Date]));
  for (const asset of assets) {
    const at = frozen.get(asset._id);
    if (asset.category === 'COMPANY_EQUITY' && at) asset.freezeDisclosedOn = new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
  }
}

/** Equity for 15% of persons and 40% of organisations, custodied shares for 3%, IP for 2% of organisations. */
export function generateMarket(world: World, random: Random): AgencyData {
  const takeEquity = equityDrawer(world, random);
  const accounts = new Map<string, string>();
  const ipNumbers = new Set<string>();
  const ip = (holder: PoolParty) =>
    intellectualProperty(
      random,
      holder,
      holder.kind === 'ORGANISATION' ? randomOrganisationIpKind(random) : 'SOFTWARE_COPYRIGHT',
      world.asOf,
      ipNumbers,
    );
  const assets: MarketAsset[] = [];
  for (const party of world.parties) {
    const isPerson = party.kind === 'PERSON';
    if (random.chance(isPerson ? 0.15 : 0.4)) for (let n = random.chance(0.25) ? 2 : 1; n > 0; n--) assets.push(takeEquity(party));
    if (random.chance(0.03)) assets.push(unlistedShares(random, party, accounts, world.asOf));
    if (!isPerson && random.chance(0.02)) for (let n = random.int(1, 3); n > 0; n--) assets.push(ip(party));
    if (random.chance(isPerson ? 0.002 : 0.005))
      assets.push(intellectualProperty(random, party, 'SOFTWARE_COPYRIGHT', world.asOf, ipNumbers));
  }
  ensureEachCategoryHeld(world, random, assets, {
    COMPANY_EQUITY: { make: takeEquity },
    UNLISTED_SHARES: { make: (holder) => unlistedShares(random, holder, accounts, world.asOf) },
    // Patents and trademarks belong to companies; a person is given a software copyright instead.
    INTELLECTUAL_PROPERTY: { prefer: (p) => p.kind === 'ORGANISATION', make: ip },
  });
  const controls = rankedControls(world, random, assets, { prefix: 'MK', probability: 0.6, measureFor: () => 'FREEZE' });
  discloseFreezes(assets, controls);
  touchRegister(assets, controls);
  return { assets, controls };
}
