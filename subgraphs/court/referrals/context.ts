import type { Db } from 'mongodb';
import { entityLoader, groupLoader } from '../../kit/loaders';
import type { CourtContext } from '../loaders';
import { ReferralRepository } from './repository';

/** Per request: the referral loaders (deadlines are read against the request's clock, platform/clock.ts). */
export function createReferralContext(db: Db) {
  const repository = new ReferralRepository(db);
  return {
    referrals: {
      repository,
      byId: entityLoader(repository.referrals),
      byCase: groupLoader(repository.referrals, 'caseNumber', { sort: { caseNumber: 1, ordinal: 1 } }),
    },
  };
}

export type ReferralContext = CourtContext & ReturnType<typeof createReferralContext>;
