import { findByKeys } from '../subgraphs/kit/loaders';
import { isDuplicateKeyWrite, isFerretDb, noteServer } from '../subgraphs/kit/mongo';
import { MongoBulkWriteError, MongoClient, type AnyBulkWriteOperation, type Collection, type Document } from 'mongodb';
import { createRandom } from '../domain/identifiers';
import { SUBGRAPHS } from '../subgraphs/registry';
import { COLLECTIONS as COURT } from '../subgraphs/court/model';
import { AGENCY_GENERATORS } from './agencies';
import { generateCourt, partyDocuments } from './agencies/court';
import { progress } from './progress';
import type { AgencyData, World } from './world';

export interface SeedOptions {
  mongoUri: string;
  /** The database of each subgraph, as the subgraphs themselves are configured. */
  databaseName: (subgraph: string) => string;
  seed: number;
  /** Number of enforcement cases; everything else scales with it. */
  cases: number;
  asOf?: Date;
  showProgress?: boolean;
}

/** Count of documents written per subgraph and collection. */
export type SeedSummary = Record<string, Record<string, number>>;

/** The instant the synthetic province is "as of" unless told otherwise; fixed so that runs are reproducible. */
export const DEFAULT_AS_OF = new Date('2026-11-01T00:00:00.000Z');

export const SCALES = { tiny: 300, demo: 3000, city: 30_000 } as const;

const INSERT_BATCH = 1000;
/**
 * Statements per bulk replace. FerretDB 1.24 (SQLite) keeps one pooled connection open per update
 * statement until the whole command ends, and its pool holds 100: a command of 100 replaces deadlocks.
 */
const REPLACE_BATCH = 50;

/**
 * Inserts a batch; documents already there (a re-run) are replaced only where they differ, so the result
 * is the same province without duplicates. Inserting first keeps the first run fast (an upsert costs a
 * query per document), and comparing keeps a re-run fast (FerretDB replaces about 50 documents a second).
 */
async function writeBatch(collection: Collection<Document>, docs: Document[]): Promise<void> {
  let existing: Document[] = [];
  try {
    await collection.insertMany(docs, { ordered: false });
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (!errors.every((e) => isDuplicateKeyWrite(e))) throw error;
    existing = errors.map((e) => docs[e.index]);
  }
  const stored = new Map<unknown, string>();
  // Nothing read when nothing was there (the first run); else one `$in`, or on FerretDB, which answers
  // `$in` (even an empty one) by reading the whole collection, by _id key by key.
  const found = await findByKeys(
    collection,
    '_id',
    existing.map((d) => String(d._id)),
  );
  for (const doc of found) stored.set(doc._id, canonical(doc));
  const changed = existing.filter((doc) => stored.get(doc._id) !== canonical(doc));
  for (let start = 0; start < changed.length; start += REPLACE_BATCH) {
    const batch = changed
      .slice(start, start + REPLACE_BATCH)
      .map((doc): AnyBulkWriteOperation<Document> => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc } }));
    await collection.bulkWrite(batch, { ordered: false });
  }
}

/** A document's content independent of key order, for telling an unchanged document from a changed one. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** Generates the whole province in memory, deterministically for a seed, one data set per subgraph. */
export function generateProvince(seed: number, cases: number, asOf: Date = DEFAULT_AS_OF): Record<string, AgencyData> {
  const court = generateCourt(createRandom(`${seed}:court`), cases, asOf);
  const world: World = { asOf, parties: court.parties, partyById: new Map(court.parties.map((p) => [p.id, p])), cases: court.cases };
  const data: Record<string, AgencyData> = {
    court: { [COURT.parties]: partyDocuments(court.parties), [COURT.cases]: court.cases, [COURT.officers]: court.officers },
  };
  for (const subgraph of SUBGRAPHS) {
    if (subgraph.name === 'court') continue;
    const generate = AGENCY_GENERATORS[subgraph.name];
    if (!generate) throw new Error(`no seed generator for subgraph ${subgraph.name}: add one to seed/agencies`);
    data[subgraph.name] = generate(world, createRandom(`${seed}:${subgraph.name}`));
  }
  return data;
}

/** Writes the province; ids are deterministic and writes are upserts, so a re-run changes nothing. */
export async function seedProvince(options: SeedOptions): Promise<SeedSummary> {
  const data = generateProvince(options.seed, options.cases, options.asOf);
  const client = new MongoClient(options.mongoUri);
  await client.connect();
  const summary: SeedSummary = {};
  try {
    const ferretdb = await isFerretDb(client.db('admin'));
    for (const [subgraph, collections] of Object.entries(data)) {
      const db = client.db(options.databaseName(subgraph));
      noteServer(db.databaseName, ferretdb);
      summary[subgraph] = {};
      for (const [name, docs] of Object.entries(collections)) {
        const bar = progress(`${subgraph}.${name}`, docs.length, options.showProgress ?? false);
        for (let start = 0; start < docs.length; start += INSERT_BATCH) {
          await writeBatch(db.collection(name), docs.slice(start, start + INSERT_BATCH));
          bar.tick(Math.min(docs.length, start + INSERT_BATCH));
        }
        bar.end();
        summary[subgraph][name] = docs.length;
      }
    }
  } finally {
    await client.close();
  }
  return summary;
}
