import { ASSET_CATEGORIES, type Agency, type AssetCategory, type AssetDocument } from './model';

export interface CategoryRegister {
  /** The GraphQL type of this category's assets, e.g. RealEstateUnit. */
  typeName: string;
  /** The register's name as the agency calls it. */
  registerName: string;
}

/** What an asset subgraph answers for, and how its fields on the shared entities are named. */
export interface RegisterDescriptor {
  agency: Agency;
  agencyName: string;
  /** The field this agency adds to CaseParty, e.g. realEstateFindings. */
  findingsField: string;
  /** The field this agency adds to EnforcementCase, e.g. realEstateControls. */
  controlsField: string;
  /** The GraphQL type of this agency's control measures, e.g. RealEstateControl. */
  controlType: string;
  categories: Partial<Record<AssetCategory, CategoryRegister>>;
}

/** The party's share of a co-owned asset (共有), whole when the register records no shares. */
export function shareOf(asset: AssetDocument, partyId: string): number {
  const owner = asset.owners?.find((o) => o.partyId === partyId);
  return owner ? owner.shareBasisPoints / 10_000 : 1;
}

/** Value a court can reach: the party's share of the value left after claims ranking ahead of it. */
export function controllableValue(asset: AssetDocument, partyId: string): number {
  const free = Math.max(0, (asset.estimatedValue ?? 0) - asset.securedClaims);
  return Math.floor(free * shareOf(asset, partyId));
}

export function askedCategories(descriptor: RegisterDescriptor, asked: readonly AssetCategory[] | null | undefined): AssetCategory[] {
  return ASSET_CATEGORIES.filter((category) => descriptor.categories[category] && (!asked || asked.includes(category)));
}

/** Groups a party's assets into one entry per category asked for, in the canonical category order. */
export function findingsOf(descriptor: RegisterDescriptor, partyId: string, categories: AssetCategory[], assets: readonly AssetDocument[]) {
  return {
    agency: descriptor.agency,
    agencyName: descriptor.agencyName,
    answeredAt: new Date(),
    categories: categories.map((category) => {
      const found = assets.filter((asset) => asset.category === category);
      const updated = found.map((asset) => asset.registerUpdatedAt.getTime());
      return {
        category,
        agency: descriptor.agency,
        registerName: descriptor.categories[category]?.registerName ?? '',
        registerUpdatedAt: updated.length > 0 ? new Date(Math.max(...updated)) : null,
        count: found.length,
        totalEstimatedValue: found.reduce((sum, asset) => sum + (asset.estimatedValue ?? 0), 0),
        controllableValue: found.reduce((sum, asset) => sum + controllableValue(asset, partyId), 0),
        assets: found,
      };
    }),
  };
}
