import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';

/**
 * The one way a test reaches the database: the jest run's server, which test/globalSetup.ts starts
 * (the embedded FerretDB, or MONGODB_URI's). Each test file keeps to databases of its own name.
 */
export function testMongoUri(): string {
  const uri = process.env.MONGODB_URI;
  if (!uri) throw new Error('MONGODB_URI is not set: the jest globalSetup starts the embedded database');
  return uri;
}

/** A fresh database of that server (dropped first) and the client holding it, which the test closes. */
export async function freshDatabase(name: string, options: MongoClientOptions = {}): Promise<{ client: MongoClient; db: Db }> {
  const client = await MongoClient.connect(testMongoUri(), { maxPoolSize: 10, ...options });
  const db = client.db(name);
  await db.dropDatabase();
  return { client, db };
}
