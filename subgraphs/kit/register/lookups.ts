import type { Agency } from '../../../domain/agencies';
import { requireCaseBasis } from '../auth/legalBasis';
import { caseNumberArg } from '../validate';
import type { RegisterContext } from './loaders';
import type { AssetDocument } from './model';

/** What every look-up by identifier names besides the identifier: the case, and the court's notice for it. */
export interface LookupArgs {
  caseNumber: string;
  basis: string;
}

/**
 * A look-up by identifier (plate, account number, MMSI, …; domain.md, "Who may see and do what"). The
 * court's notice for the case is verified before the register is read; the answer holds only what a
 * respondent of that case holds, so an asset of anybody else reads exactly as one that does not exist;
 * and each respondent whose asset is shown is logged as the subject before the answer is given.
 */
export async function lookUpAssets<T extends AssetDocument>(
  ctx: RegisterContext,
  args: LookupArgs,
  look: { agency: Agency; operation: string },
  read: () => Promise<readonly T[]>,
): Promise<T[]> {
  const caseNumber = caseNumberArg('caseNumber', args.caseNumber);
  const basis = requireCaseBasis(ctx, args.basis, caseNumber);
  const found = (await read()).filter((asset) => asset.ownerIds.some((owner) => basis.respondentIds.includes(owner)));
  for (const subjectId of basis.respondentIds) {
    const theirs = found.filter((asset) => asset.ownerIds.includes(subjectId));
    if (theirs.length === 0) continue;
    const categories = [...new Set(theirs.map((asset) => asset.category))];
    await ctx.register.accessLog.record(ctx, {
      subjectId,
      answeredBy: look.agency,
      categories,
      caseNumber,
      operation: look.operation,
      resultCount: theirs.length,
    });
  }
  return found;
}

/** One asset by its identifier, under the same rule: null for none and for one no respondent of the case holds. */
export async function lookUpAsset<T extends AssetDocument>(
  ctx: RegisterContext,
  args: LookupArgs,
  look: { agency: Agency; operation: string },
  read: () => Promise<T | null | undefined>,
): Promise<T | null> {
  const [asset] = await lookUpAssets(ctx, args, look, async () => {
    const one = await read();
    return one ? [one] : [];
  });
  return asset ?? null;
}
