import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { Kind, parse, type DocumentNode, type GraphQLError, type SelectionSetNode } from 'graphql';
import { ErrorCode } from '../platform/errors';

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** The response names of the fields an entity fetch asks of entities of one type (`... on T { a b: c }`). */
function askedOf(selections: SelectionSetNode, typename: string): string[] {
  return selections.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === '__typename' ? [] : [selection.alias?.value ?? selection.name.value];
    if (selection.kind === Kind.INLINE_FRAGMENT && (!selection.typeCondition || selection.typeCondition.name.value === typename))
      return askedOf(selection.selectionSet, typename);
    return [];
  });
}

/** The selection under `_entities` when the operation is an entity fetch (what the query planner sends for a type's fields). */
function entitiesSelection(document: DocumentNode): SelectionSetNode | null {
  const [operation] = document.definitions;
  if (document.definitions.length !== 1 || operation?.kind !== Kind.OPERATION_DEFINITION || operation.operation !== 'query') return null;
  const [root] = operation.selectionSet.selections;
  if (operation.selectionSet.selections.length !== 1 || root?.kind !== Kind.FIELD || root.name.value !== '_entities' || !root.selectionSet)
    return null;
  return root.selectionSet;
}

/**
 * An agency that did not answer an entity fetch answers, as far as the rest of the query plan goes, null
 * for every field asked of it, with the error naming it. Left to itself the gateway leaves those fields
 * out, and a subgraph that @requires one of them then loses the whole entity from its own fetch: one
 * slow agency blanked the court's panorama, which requires every register's totals (issue 13). With
 * the fields null, the court learns which agency is missing and says so. Mutations and root fields are
 * left as they were: nothing depends on them.
 */
export function unansweredEntities(options: GraphQLDataSourceProcessOptions<object>, error: unknown): SubgraphResponse | null {
  const extensions = (error as GraphQLError | undefined)?.extensions;
  if (extensions?.code !== ErrorCode.AGENCY_UNAVAILABLE) return null;
  const { query, variables } = options.request;
  const document = 'document' in options && options.document ? options.document : query ? parse(query) : null;
  const selection = document ? entitiesSelection(document) : null;
  const representations = variables?.representations;
  if (!selection || !Array.isArray(representations)) return null;
  const entities = representations.map((representation: { __typename?: unknown }) => {
    const typename = typeof representation?.__typename === 'string' ? representation.__typename : '';
    return { __typename: typename, ...Object.fromEntries(askedOf(selection, typename).map((field) => [field, null])) };
  });
  return {
    data: { _entities: entities },
    errors: [{ message: (error as GraphQLError).message, extensions: { code: ErrorCode.AGENCY_UNAVAILABLE, agency: extensions.agency } }],
  };
}
