import type { MongoGlobal } from './globalSetup';

/** Runs after jest's summary, so it must print nothing. */
export default async function globalTeardown(): Promise<void> {
  const shared = globalThis as MongoGlobal;
  await shared.__embeddedMongo?.stop();
  shared.__embeddedMongo = undefined;
}
