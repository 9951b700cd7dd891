import DataLoader from 'dataloader';
import type { Collection, Document, Filter, FindOptions, Sort, WithId } from 'mongodb';

/**
 * Up to this many keys by _id are read one by one, in parallel. FerretDB v1 uses an index only for _id
 * equality and scans the collection for `$in` (measured on 4,000 documents: 2.5 ms for one point read,
 * 8 ms for three in parallel, 57 ms for `$in` of one or three); on MongoDB a few point reads cost about
 * what one `$in` does. Most batches are this small: one case, its officer, its two or three parties.
 */
export const POINT_READS = 4;

/**
 * Loads documents by a unique field with one `$in` query per batch (a few point reads for small batches by _id),
 * answering in the order of the keys and with null for keys that have no document.
 */
export function entityLoader<T extends Document>(
  collection: Collection<T>,
  field: string = '_id',
  options: FindOptions = {},
): DataLoader<string, WithId<T> | null> {
  return new DataLoader(async (keys: readonly string[]) => {
    const docs: WithId<T>[] = [];
    if (field === '_id' && keys.length <= POINT_READS) {
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
 * again with one `$in` query per batch; a key with no documents gets an empty list.
 */
export function groupLoader<T extends Document>(
  collection: Collection<T>,
  field: string,
  options: { filter?: Filter<T>; sort?: Sort; projection?: Document } = {},
): DataLoader<string, WithId<T>[]> {
  return new DataLoader(async (keys: readonly string[]) => {
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
