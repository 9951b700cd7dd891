import type { Db } from 'mongodb';
import type { Clock } from '../../../platform/clock';
import { appenderFor } from './appender';
import { CheckpointStore } from './checkpoints';
import { accessLogCheckpointDir, accessLogCheckpointSeconds, accessLogKey } from './key';

/** One database's checkpoint store, with the process's settings. */
export function checkpointStoreFor(db: Db): CheckpointStore {
  return new CheckpointStore(db, accessLogKey(), accessLogCheckpointDir());
}

/**
 * Checkpoints the log's end as this process knows it, unless it has not grown since this process's last
 * checkpoint; gives the position it reached. Serialised by the caller's promise chain.
 */
async function checkpointOnce(db: Db, store: CheckpointStore, after: number, clock: Clock): Promise<number> {
  const end = await appenderFor(db, accessLogKey()).end();
  if (!end || end._id <= after) return after;
  await store.write({ position: end._id, headHash: end.hash }, clock());
  return end._id;
}

/**
 * The background service of every subgraph that keeps an access log: a signed checkpoint when it starts,
 * every ACCESS_LOG_CHECKPOINT_SECONDS while the log grows, and when it stops, so a log cut off while the
 * service was down, or later, reads as TRUNCATED. (Declared as a plain function: kit/subgraph.ts adds it.)
 */
export async function accessLogCheckpointer(running: { name: string; db: Db; clock: Clock }): Promise<() => Promise<void>> {
  const store = checkpointStoreFor(running.db);
  let reached = 0;
  let last = Promise.resolve();
  const tick = () => {
    last = last
      .then(async () => {
        reached = await checkpointOnce(running.db, store, reached, running.clock);
      })
      .catch((error: unknown) => console.error(`${running.name}: checkpointing the access log failed`, error));
    return last;
  };
  await tick();
  const timer = setInterval(() => void tick(), accessLogCheckpointSeconds() * 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await tick();
  };
}
