import { MongoClient } from 'mongodb';
import { ACCESS_LOG } from '../subgraphs/kit/audit/accessLog';
import { SUBGRAPHS } from '../subgraphs/registry';

/** Documents per subgraph and collection, e.g. `court.access_log` → 1234. */
export type Counts = Map<string, number>;

export async function countDocuments(mongoUri: string, databaseName: (subgraph: string) => string): Promise<Counts> {
  const client = new MongoClient(mongoUri);
  const counts: Counts = new Map();
  try {
    for (const subgraph of SUBGRAPHS) {
      const db = client.db(databaseName(subgraph.name));
      for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
        counts.set(`${subgraph.name}.${name}`, await db.collection(name).countDocuments());
      }
    }
  } finally {
    await client.close();
  }
  return counts;
}

/**
 * The collections the benchmark itself made grow, largest growth first. FerretDB reads whole
 * collections for most queries, so a collection every request appends to makes every later request
 * slower; this is the evidence for it in the report.
 */
export function growth(before: Counts, after: Counts): { collection: string; before: number; after: number }[] {
  return [...after]
    .map(([collection, count]) => ({ collection, before: before.get(collection) ?? 0, after: count }))
    .filter((row) => row.after !== row.before)
    .sort((a, b) => b.after - b.before - (a.after - a.before));
}

/**
 * Counts, then empties, every subgraph's access log: what the requests since the last call appended.
 * The log is a hash chain whose every append reads its end, which FerretDB does by reading the whole
 * collection; emptied between operations, each operation starts from the seeded state instead of
 * inheriting the cost of the ones before it.
 */
export async function takeAccessLogs(mongoUri: string, databaseName: (subgraph: string) => string): Promise<Map<string, number>> {
  const client = new MongoClient(mongoUri);
  const taken = new Map<string, number>();
  try {
    for (const subgraph of SUBGRAPHS) {
      const log = client.db(databaseName(subgraph.name)).collection(ACCESS_LOG);
      const { deletedCount } = await log.deleteMany({});
      if (deletedCount > 0) taken.set(subgraph.name, deletedCount);
    }
  } finally {
    await client.close();
  }
  return taken;
}
