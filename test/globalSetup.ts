import { ensureEmbeddedMongoBinary, startMongo, type MongoServer } from '../tools/embedded-mongo/launcher';

/** globalSetup and globalTeardown share this process's globalThis; workers do not, so they get the URI via env. */
export type MongoGlobal = typeof globalThis & { __embeddedMongo?: MongoServer };

/** One server for the whole run; each test file isolates itself by using its own database names. */
export default async function globalSetup(): Promise<void> {
  if (!process.env.MONGODB_URI) await ensureEmbeddedMongoBinary();
  const server = await startMongo({ temporary: true });
  process.env.MONGODB_URI = server.uri;
  (globalThis as MongoGlobal).__embeddedMongo = server;
}
