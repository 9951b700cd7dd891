import type { Collection } from 'mongodb';
import { identityOf, type IdentityScope } from '../../platform/identity';
import { forbidden } from '../kit/auth/rules';
import { courtCodeArg } from '../kit/validate';
import type { CaseDocument, CaseStatus, CaseType } from './model';

/** domain.md: analysts see aggregates of at least this many cases, so no group points at a person. */
export const MIN_GROUP = 10;

export interface CaseStatistic {
  courtCode: string;
  status: CaseStatus;
  type: CaseType;
  count: number;
}

/**
 * Case counts by court, status and type. Smaller groups are left out rather than rounded: a count of
 * 1 or 2 next to a court and a type can name the parties. A division head sees only their own court
 * (theirs when none is named).
 */
export async function caseStatistics(
  cases: Collection<CaseDocument>,
  asked: string | null | undefined,
  ctx: IdentityScope,
): Promise<CaseStatistic[]> {
  const identity = identityOf(ctx);
  const ownCourtOnly = !identity.roles.some((role) => role === 'ANALYST' || role === 'SUPERVISOR');
  const courtCode = asked ? courtCodeArg('courtCode', asked) : ownCourtOnly ? identity.court : undefined;
  if (ownCourtOnly && courtCode !== identity.court) throw forbidden('a division head sees the statistics of their own court only');
  const groups = await cases
    .aggregate<{ _id: { courtCode: string; status: CaseStatus; type: CaseType }; count: number }>([
      ...(courtCode ? [{ $match: { courtCode } }] : []),
      { $group: { _id: { courtCode: '$courtCode', status: '$status', type: '$type' }, count: { $sum: 1 } } },
      { $match: { count: { $gte: MIN_GROUP } } },
      { $sort: { '_id.courtCode': 1, '_id.status': 1, '_id.type': 1 } },
    ])
    .toArray();
  return groups.map((group) => ({ ...group._id, count: group.count }));
}
