import type { Db } from 'mongodb';
import type { Clock } from '../../../platform/clock';
import { entityLoader, groupLoader } from '../../kit/loaders';
import type { CourtContext } from '../loaders';
import { ReferralRepository } from './repository';

/**
 * Per request: the referral loaders, and the one instant every deadline and transition of this request is
 * read against, taken from the server's clock (platform/clock.ts) so that tests can move time.
 */
export function createReferralContext(db: Db, clock: Clock) {
  const repository = new ReferralRepository(db);
  return {
    referrals: {
      repository,
      byId: entityLoader(repository.referrals),
      byCase: groupLoader(repository.referrals, 'caseNumber', { sort: { caseNumber: 1, ordinal: 1 } }),
      now: clock(),
    },
  };
}

export type ReferralContext = CourtContext & ReturnType<typeof createReferralContext>;
