import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';

/**
 * A subgraph's resolvers, type by type. @apollo/subgraph exports its type only from a deep path, so it is
 * named here once and every subgraph imports it from this file.
 */
export type ResolverMap<TContext> = GraphQLResolverMap<TContext>;

/** Merges resolver maps type by type; a later map's field wins, so an agency can refine a kit resolver. */
export function mergeResolvers<TContext>(...maps: ResolverMap<TContext>[]): ResolverMap<TContext> {
  const merged: ResolverMap<TContext> = {};
  for (const map of maps) {
    for (const [typeName, fields] of Object.entries(map)) {
      const existing = merged[typeName];
      merged[typeName] = isFieldMap(existing) && isFieldMap(fields) ? ({ ...existing, ...fields } as typeof fields) : fields;
    }
  }
  return merged;
}

/** Field maps are plain objects; scalar types are class instances and are replaced, not merged. */
function isFieldMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
