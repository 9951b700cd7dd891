import DataLoader from 'dataloader';
import type { Collection, Document, Filter, FindOptions, Sort, WithId } from 'mongodb';

/**
 * Loads documents by a unique field with one `$in` query per batch,
 * answering in the order of the keys and with null for keys that have no document.
 */
export function entityLoader<T extends Document>(
  collection: Collection<T>,
  field: string = '_id',
  options: FindOptions = {},
): DataLoader<string, WithId<T> | null> {
  return new DataLoader(async (keys: readonly string[]) => {
    const docs = await collection.find({ [field]: { $in: [...keys] } } as Filter<T>, options).toArray();
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
