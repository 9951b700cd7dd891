import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSET_CATEGORIES, type AssetCategory } from '../../domain/assets';
import { names, TOTALS_SELECTION, type RegisterDescriptor } from '../kit/register/findings';
import type { CourtContext } from './loaders';

/** Each register's totals field on CaseParty, in the registry's order: what the panorama requires and reads. */
export function totalsFieldsOf(registers: readonly RegisterDescriptor[]): string[] {
  return registers.map((register) => names(register).totalsField);
}

/** The court's panorama schema: panorama.graphql with each totals field declared @external and required with the one selection. */
export function panoramaSchemaText(totals: readonly string[]): string {
  return readFileSync(join(__dirname, 'panorama.graphql'), 'utf8')
    .replace(/^ *# __REGISTER_TOTALS__.*$/m, totals.map((field) => `  ${field}: AgencyFindings @external`).join('\n'))
    .replace('__REQUIRED_TOTALS__', totals.map((field) => `${field} { ${TOTALS_SELECTION} }`).join(' '));
}

interface CategoryRow {
  category: AssetCategory;
  agency: string;
  registerName: string;
  registerUpdatedAt: string | null;
  count: number;
  totalEstimatedValue: number;
  controllableValue: number;
}

/** A category whose agency did not answer: known to exist, its figures unknown (not zero). */
type PanoramaRow =
  | (CategoryRow & { known: true })
  | (Pick<CategoryRow, 'category' | 'agency' | 'registerName'> & {
      known: false;
      registerUpdatedAt: null;
      count: null;
      totalEstimatedValue: null;
      controllableValue: null;
    });

/** A CaseParty representation as the gateway sends it: the key plus every agency's totals (null from an agency that did not answer). */
export type CasePartyWithFindings = { caseNumber: string; partyId: string } & Record<string, unknown>;

type Totals = { categories?: CategoryRow[] } | null | undefined;

/** Every category's row: the register's answer, or an unknown row where its agency gave none. */
function rowsOf(ref: CasePartyWithFindings, registers: readonly RegisterDescriptor[]): Map<AssetCategory, PanoramaRow> {
  const rows = new Map<AssetCategory, PanoramaRow>();
  for (const register of registers) {
    const totals = ref[names(register).totalsField] as Totals;
    if (totals) {
      for (const row of totals.categories ?? []) rows.set(row.category, { ...row, known: true });
      continue;
    }
    for (const [category, kept] of Object.entries(register.categories) as [AssetCategory, { registerName: string }][]) {
      rows.set(category, {
        category,
        agency: register.agency,
        registerName: kept.registerName,
        known: false,
        registerUpdatedAt: null,
        count: null,
        totalEstimatedValue: null,
        controllableValue: null,
      });
    }
  }
  return rows;
}

/**
 * The panorama of one party in one case: every category's row in category order, and the totals. When
 * an agency did not answer, its categories are unknown and the panorama says it is not complete: its
 * totals are then lower bounds, and coverage is left null, since a coverage missing a register could
 * mislead an officer into closing a case for want of assets.
 */
export async function panorama(
  ref: CasePartyWithFindings,
  asked: readonly AssetCategory[] | null | undefined,
  ctx: CourtContext,
  registers: readonly RegisterDescriptor[],
) {
  const rows = rowsOf(ref, registers);
  const categories = ASSET_CATEGORIES.filter((c) => rows.has(c) && (!asked || asked.includes(c))).map((c) => rows.get(c) as PanoramaRow);
  const known = categories.filter((row): row is PanoramaRow & { known: true } => row.known);
  // Only the agencies of the categories asked for: one that holds none of them leaves nothing unknown.
  const missing = [...new Set(categories.filter((row) => !row.known).map((row) => row.agency))];
  const open = (await ctx.casesByRespondent.load(ref.partyId)).filter((c) => c.status === 'OPEN');
  const owed = open.reduce((sum, c) => sum + c.amountOwed, 0);
  const controllable = known.reduce((sum, row) => sum + row.controllableValue, 0);
  const complete = missing.length === 0;
  return {
    categories,
    complete,
    missingAgencies: missing,
    totalEstimatedValue: known.reduce((sum, row) => sum + row.totalEstimatedValue, 0),
    totalControllableValue: controllable,
    amountOwedInOpenCases: owed,
    openCasesAsRespondent: open.length,
    coverage: complete && owed > 0 ? Math.round((controllable / owed) * 10_000) / 10_000 : null,
    categoriesWithAssets: known.filter((row) => row.count > 0).length,
  };
}
