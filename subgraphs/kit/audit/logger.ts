import type { Db } from 'mongodb';
import { identityOf, type IdentityScope } from '../../../platform/identity';
import { nowOf, type ClockScope } from '../../../platform/clock';
import type { AccessEntryInput } from './accessLog';
import { appenderFor } from './appender';
import { accessLogKey } from './key';

/** What a resolver states about one look; who looked and when come from the request. */
export type AccessLook = Pick<AccessEntryInput, 'subjectId' | 'answeredBy' | 'categories' | 'caseNumber' | 'operation' | 'resultCount'>;

/** A request's access log writer; the process's appender commits the looks of concurrent requests together. */
export function accessLogger(db: Db) {
  const appender = appenderFor(db, accessLogKey());
  return {
    /** Records one look before its answer is returned: an answer the log does not hold is not given. */
    async record(ctx: IdentityScope & ClockScope, look: AccessLook): Promise<void> {
      const identity = identityOf(ctx);
      const input: AccessEntryInput = {
        userId: identity.userId,
        role: identity.roles.join(','),
        court: identity.court ?? null,
        agency: identity.agency ?? null,
        ...look,
      };
      await appender.append(input, nowOf(ctx));
    },
  };
}

export type AccessLogger = ReturnType<typeof accessLogger>;
