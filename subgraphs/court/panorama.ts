import { ASSET_CATEGORIES, type AssetCategory } from '../../domain/assets';
import type { CourtContext } from './loaders';

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

function rowsOf(ref: CasePartyWithFindings): CategoryRow[] {
  return Object.entries(ref)
    .filter(([field]) => field.endsWith('Totals'))
    .flatMap(([, findings]) => (findings as { categories?: CategoryRow[] } | null)?.categories ?? []);
}

/** The panorama of one party in one case: every agency's rows in category order, and the totals. */
export async function panorama(ref: CasePartyWithFindings, asked: readonly AssetCategory[] | null | undefined, ctx: CourtContext) {
  const byCategory = new Map(rowsOf(ref).map((row) => [row.category, row]));
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
