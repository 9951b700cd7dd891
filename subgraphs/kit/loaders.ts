import DataLoader from 'dataloader';
import type { Collection, Document, Filter, FindOptions, Sort, WithId } from 'mongodb';
import { readsByEquality } from './mongo';

/**
 * Up to this many keys by _id are read one by one, in parallel. FerretDB v1 uses an index only for _id
 * equality and scans the collection for `$in` (measured on 4,000 documents: 2.5 ms for one point read,
 * 8 ms for three in parallel, 57 ms for `$in` of one or three); on MongoDB a few point reads cost about
 * what one `$in` does. Most batches are this small: one case, its officer, its two or three parties.
 */
export const POINT_READS = 4;

/**
 * On FerretDB every batch is read key by key, this many at a time: it pushes equality down to its
 * backend (PostgreSQL: an index with the GIN indexes the launcher keeps) but answers `$in` by reading the
 * whole collection (issue 14, measured on 13,628 finance assets: 15 ms for `{ownerIds: x}`, 1,163 ms for
 * `$in` of 20 owners). On MongoDB the one `$in` stays.
 */
const PARALLEL_READS = 8;

/** Runs `read` for every key, at most PARALLEL_READS at a time, and gives the results in the keys' order. */
async function keyByKey<R>(keys: readonly string[], read: (key: string) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(keys.length);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const at = next++;
      results[at] = await read(keys[at] as string);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, keys.length) }, worker));
  return results;
}

/** Every document whose `field` is (or, for an array, holds) one of `keys`: one `$in`, or key by key on FerretDB; no read for no keys. */
export async function findByKeys<T extends Document>(
  collection: Collection<T>,
  field: string,
  keys: readonly string[],
  filter: Filter<T> = {},
): Promise<WithId<T>[]> {
  if (keys.length === 0) return [];
  if (!readsByEquality(collection.dbName)) return collection.find({ ...filter, [field]: { $in: [...keys] } } as Filter<T>).toArray();
  const found = await keyByKey(keys, (key) => collection.find({ ...filter, [field]: key } as Filter<T>).toArray());
  const seen = new Set<unknown>();
  return found.flat().filter((doc) => !seen.has(doc._id) && seen.add(doc._id));
}

/**
 * Loads documents by a unique field with one `$in` query per batch (a few point reads for small batches by _id;
 * key by key on FerretDB),
 * answering in the order of the keys and with null for keys that have no document.
 */
export function entityLoader<T extends Document>(
  collection: Collection<T>,
  field: string = '_id',
  options: FindOptions = {},
): DataLoader<string, WithId<T> | null> {
  return new DataLoader(async (keys: readonly string[]) => {
    const docs: WithId<T>[] = [];
    if (readsByEquality(collection.dbName)) {
      const found = await keyByKey(keys, (key) =>
        collection
          .find({ [field]: key } as Filter<T>, options)
          .limit(1)
          .next(),
      );
      for (const doc of found) if (doc) docs.push(doc);
    } else if (field === '_id' && keys.length <= POINT_READS) {
      for (const doc of await Promise.all(
        keys.map((key) =>
          collection
            .find({ _id: key } as Filter<T>, options)
            .limit(1)
            .next(),
        ),
      ))
        if (doc) docs.push(doc);
    } else {
      docs.push(...(await collection.find({ [field]: { $in: [...keys] } } as Filter<T>, options).toArray()));
    }
    const byKey = new Map<string, WithId<T>>();
    for (const doc of docs) byKey.set(String(doc[field]), doc);
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/**
 * Loads, per key, every document whose `field` equals the key or (for array fields) contains it,
 * again with one `$in` query per batch (key by key on FerretDB); a key with no documents gets an empty list.
 */
export function groupLoader<T extends Document>(
  collection: Collection<T>,
  field: string,
  options: { filter?: Filter<T>; sort?: Sort; projection?: Document } = {},
): DataLoader<string, WithId<T>[]> {
  return new DataLoader(async (keys: readonly string[]) => {
    if (readsByEquality(collection.dbName)) {
      return keyByKey(keys, (key) => {
        const cursor = collection.find({ ...(options.filter ?? {}), [field]: key } as Filter<T>, { projection: options.projection });
        if (options.sort) cursor.sort(options.sort);
        return cursor.toArray();
      });
    }
    const filter = { ...(options.filter ?? {}), [field]: { $in: [...keys] } } as Filter<T>;
    const cursor = collection.find(filter, { projection: options.projection });
    if (options.sort) cursor.sort(options.sort);
    const docs = await cursor.toArray();
    const groups = new Map<string, WithId<T>[]>(keys.map((key) => [key, []]));
    for (const doc of docs) {
      const value: unknown = doc[field];
      for (const key of Array.isArray(value) ? value : [value]) groups.get(String(key))?.push(doc);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}
