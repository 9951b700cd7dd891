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
 * Counts what every subgraph's access log gained since the last call. The logs are kept, not emptied:
 * an append costs the same however long the chain is (kit/audit/appender.ts), and a subgraph keeps the
 * chain's end in memory, so emptying the log under it would only break the chain.
 */
export async function takeAccessLogs(
  mongoUri: string,
  databaseName: (subgraph: string) => string,
  seen: Map<string, number>,
): Promise<Map<string, number>> {
  const client = new MongoClient(mongoUri);
  const taken = new Map<string, number>();
  try {
    for (const subgraph of SUBGRAPHS) {
      const entries = await client.db(databaseName(subgraph.name)).collection(ACCESS_LOG).countDocuments();
      const added = entries - (seen.get(subgraph.name) ?? 0);
      seen.set(subgraph.name, entries);
      if (added > 0) taken.set(subgraph.name, added);
    }
  } finally {
    await client.close();
  }
  return taken;
}
