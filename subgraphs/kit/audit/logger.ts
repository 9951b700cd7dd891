import DataLoader from 'dataloader';
import type { Db } from 'mongodb';
import { identityOf, type IdentityScope } from '../auth/identity';
import { nowOf, type ClockScope } from '../clock';
import { isDuplicateKey } from '../mongo';
import { ACCESS_LOG, entryHash, GENESIS, subjectHash, type AccessEntry, type AccessEntryInput } from './accessLog';
import { accessLogKey } from './key';

/** What a resolver states about one look; who looked and when come from the request. */
export type AccessLook = Pick<AccessEntryInput, 'subjectId' | 'answeredBy' | 'categories' | 'caseNumber' | 'operation' | 'resultCount'>;

interface Pending {
  input: AccessEntryInput;
  at: Date;
}

/**
 * Appends a batch to the chain reading its end once: a page of fifty parties is one read, not fifty.
 * A concurrent writer that takes a place first costs one more read, and the rest follow it.
 */
async function appendAll(db: Db, key: string, batch: readonly Pending[]): Promise<void> {
  const log = db.collection<AccessEntry>(ACCESS_LOG);
  let [last] = await log.find().sort({ _id: -1 }).limit(1).toArray();
  for (const { input, at } of batch) {
    const { subjectId, ...rest } = input;
    for (;;) {
      const unsigned = { ...rest, _id: (last?._id ?? 0) + 1, subjectHash: subjectHash(key, subjectId), at, previousHash: last?.hash ?? GENESIS };
      const entry: AccessEntry = { ...unsigned, hash: entryHash(unsigned) };
      try {
        await log.insertOne(entry);
        last = entry;
        break;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        [last] = await log.find().sort({ _id: -1 }).limit(1).toArray();
      }
    }
  }
}

/** A request's access log writer: the looks of one tick are appended together. */
export function accessLogger(db: Db) {
  const key = accessLogKey();
  const loader = new DataLoader<Pending, true>(async (batch) => {
    await appendAll(db, key, batch);
    return batch.map(() => true as const);
  }, { cache: false });
  return {
    /** Records one look before its answer is returned: an answer the log does not hold is not given. */
    async record(ctx: IdentityScope & ClockScope, look: AccessLook): Promise<void> {
      const identity = identityOf(ctx);
      const input: AccessEntryInput = { userId: identity.userId, role: identity.roles.join(','), court: identity.court ?? null, agency: identity.agency ?? null, ...look };
      await loader.load({ input, at: nowOf(ctx) });
    },
  };
}

export type AccessLogger = ReturnType<typeof accessLogger>;
