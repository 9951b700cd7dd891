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

/** A CaseParty representation as the gateway sends it: the key plus every agency's totals. */
export type CasePartyWithFindings = { caseNumber: string; partyId: string } & Record<string, unknown>;

function rowsOf(ref: CasePartyWithFindings, totalsFields: readonly string[]): CategoryRow[] {
  return totalsFields.flatMap((field) => (ref[field] as { categories?: CategoryRow[] } | null | undefined)?.categories ?? []);
}

/** The panorama of one party in one case: every register's rows in category order, and the totals. */
export async function panorama(ref: CasePartyWithFindings, asked: readonly AssetCategory[] | null | undefined, ctx: CourtContext, totalsFields: readonly string[]) {
  const byCategory = new Map(rowsOf(ref, totalsFields).map((row) => [row.category, row]));
  const categories = ASSET_CATEGORIES.filter((c) => byCategory.has(c) && (!asked || asked.includes(c))).map((c) => byCategory.get(c) as CategoryRow);
  const open = (await ctx.casesByRespondent.load(ref.partyId)).filter((c) => c.status === 'OPEN');
  const owed = open.reduce((sum, c) => sum + c.amountOwed, 0);
  const controllable = categories.reduce((sum, row) => sum + row.controllableValue, 0);
  return {
    categories,
    totalEstimatedValue: categories.reduce((sum, row) => sum + row.totalEstimatedValue, 0),
    totalControllableValue: controllable,
    amountOwedInOpenCases: owed,
    openCasesAsRespondent: open.length,
    coverage: owed > 0 ? Math.round((controllable / owed) * 10_000) / 10_000 : null,
    categoriesWithAssets: categories.filter((row) => row.count > 0).length,
  };
}
