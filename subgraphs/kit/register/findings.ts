import { type AssetDocument } from './model';
import { type Agency } from '../../../domain/agencies';
import { ASSET_CATEGORIES, type AssetCategory, type ControlMeasure } from '../../../domain/assets';

export interface CategoryRegister {
  /** The GraphQL type of this category's assets, e.g. RealEstateUnit. */
  typeName: string;
  /** The register's name as the agency calls it. */
  registerName: string;
  /** The measures a court may request on an asset of this category (domain.md's table). */
  measures: readonly ControlMeasure[];
}

/** What an asset subgraph answers for. Its fields and types are named after `name` (see names()). */
export interface RegisterDescriptor {
  agency: Agency;
  agencyName: string;
  /** PascalCase, e.g. RealEstate: realEstateFindings, RealEstateControl, requestRealEstateControl. */
  name: string;
  /** Prefix of control ids in this register, e.g. RE. */
  controlIdPrefix: string;
  categories: Partial<Record<AssetCategory, CategoryRegister>>;
  /** Measures this register records the moment it receives them, as online registers (deposits) do. */
  answersOnline?: readonly ControlMeasure[];
}

/**
 * Every name a register's fields and types take in the supergraph, spelled out once: the template's
 * resolvers, its rules and the tests' tables read them here (the SDL spells them in kit/schema/register.graphql,
 * and defineRegisterSubgraph stops a register whose template field has no resolver).
 */
export function names(descriptor: RegisterDescriptor) {
  const Name = descriptor.name;
  const camel = Name[0].toLowerCase() + Name.slice(1);
  return {
    camel,
    findingsField: `${camel}Findings`,
    totalsField: `${camel}Totals`,
    controlsField: `${camel}Controls`,
    /** EnforcementCase's list of investigations, and the register's staff work list (Query) by the same name. */
    investigationsField: `${camel}Investigations`,
    controlType: `${Name}Control`,
    investigationType: `${Name}Investigation`,
    query: {
      requests: `${camel}Requests`,
      investigations: `${camel}Investigations`,
      expiring: `${camel}Expiring`,
    },
    mutation: {
      request: `request${Name}Control`,
      acknowledge: `acknowledge${Name}Control`,
      execute: `execute${Name}Control`,
      reject: `reject${Name}Control`,
      release: `release${Name}Control`,
      renew: `renew${Name}Control`,
      requestInvestigation: `request${Name}Investigation`,
      answerInvestigation: `answer${Name}Investigation`,
    },
  };
}

/** What the court's panorama requires of every register's totals field (AgencyFindings, kit/schema/assets.graphql). */
export const TOTALS_SELECTION =
  'agency categories { category agency registerName registerUpdatedAt count totalEstimatedValue controllableValue }';

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
export function findingsOf(
  descriptor: RegisterDescriptor,
  partyId: string,
  categories: AssetCategory[],
  assets: readonly AssetDocument[],
  answeredAt: Date,
) {
  return {
    agency: descriptor.agency,
    agencyName: descriptor.agencyName,
    answeredAt,
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
