import { createHash } from 'node:crypto';
import { isDuplicateKeyWrite } from '../subgraphs/kit/mongo';
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
 * What a collection held before this run, by _id: a digest of each document's content, read in one pass
 * (FerretDB answers a read by many keys, `$in`, by reading the whole collection each time, and key by key
 * costs a command per document). Nothing is read from an empty collection, so the first run only inserts.
 */
async function storedDigests(collection: Collection<Document>): Promise<Map<unknown, string>> {
  const digests = new Map<unknown, string>();
  if (!(await collection.findOne({}, { projection: { _id: 1 } }))) return digests;
  for await (const doc of collection.find({})) digests.set(doc._id, digest(doc));
  return digests;
}

/**
 * Writes a batch so that the collection ends up holding it as generated: documents not there are inserted,
 * documents that differ replaced, the rest left alone, so a re-run changes nothing and writes nothing.
 * A document another writer inserted meanwhile (a duplicate key) is replaced like one that differs; one deleted
 * since the collection was read is put back (the replace upserts).
 */
async function writeBatch(
  collection: Collection<Document>,
  docs: Document[],
  before: ReadonlyMap<unknown, string>,
): Promise<{ inserted: number; replaced: number }> {
  const fresh = docs.filter((doc) => !before.has(doc._id));
  const changed = docs.filter((doc) => before.has(doc._id) && before.get(doc._id) !== digest(doc));
  let duplicates = 0;
  try {
    if (fresh.length > 0) await collection.insertMany(fresh, { ordered: false });
  } catch (error) {
    if (!(error instanceof MongoBulkWriteError)) throw error;
    const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
    if (!errors.every((e) => isDuplicateKeyWrite(e))) throw error;
    changed.push(...errors.map((e) => fresh[e.index]));
    duplicates = errors.length;
  }
  for (let start = 0; start < changed.length; start += REPLACE_BATCH) {
    const batch = changed
      .slice(start, start + REPLACE_BATCH)
      .map((doc): AnyBulkWriteOperation<Document> => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } }));
    await collection.bulkWrite(batch, { ordered: false });
  }
  return { inserted: fresh.length - duplicates, replaced: changed.length };
}

function digest(doc: Document): string {
  return createHash('sha256').update(canonical(doc)).digest('base64');
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

/** Writes the province; ids are deterministic and only what differs is written, so a re-run changes nothing. */
export async function seedProvince(options: SeedOptions): Promise<SeedSummary> {
  const data = generateProvince(options.seed, options.cases, options.asOf);
  const client = new MongoClient(options.mongoUri);
  await client.connect();
  const summary: SeedSummary = {};
  try {
    for (const [subgraph, collections] of Object.entries(data)) {
      const db = client.db(options.databaseName(subgraph));
      summary[subgraph] = {};
      for (const [name, docs] of Object.entries(collections)) {
        const bar = progress(`${subgraph}.${name}`, docs.length, options.showProgress ?? false);
        const before = await storedDigests(db.collection(name));
        const written = { inserted: 0, replaced: 0 };
        for (let start = 0; start < docs.length; start += INSERT_BATCH) {
          const batch = await writeBatch(db.collection(name), docs.slice(start, start + INSERT_BATCH), before);
          written.inserted += batch.inserted;
          written.replaced += batch.replaced;
          bar.tick(Math.min(docs.length, start + INSERT_BATCH));
        }
        bar.end(`${written.inserted} new, ${written.replaced} replaced, ${docs.length - written.inserted - written.replaced} unchanged`);
        summary[subgraph][name] = docs.length;
      }
    }
  } finally {
    await client.close();
  }
  return summary;
}
