import { GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationRule } from 'graphql';
import { ErrorCode } from '../platform/errors';

/** Bounds on one operation, fragments expanded, checked before anything runs (see GatewayConfig). */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxFields: number;
}

interface Measure {
  depth: number;
  aliases: number;
  fields: number;
}

const NONE: Measure = { depth: 0, aliases: 0, fields: 0 };

/**
 * Sizes a selection set with its fragments expanded. Each fragment is measured once and reused, so a
 * document whose fragments spread each other many times over costs linear work to refuse, however
 * large the expansion. A cycle or unknown fragment counts as nothing: graphql's own rules refuse those.
 */
function measure(
  set: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  memo: Map<string, Measure>,
  visiting: Set<string>,
): Measure {
  let { depth, aliases, fields } = NONE;
  const add = (inner: Measure, levels: number) => {
    depth = Math.max(depth, inner.depth + levels);
    aliases += inner.aliases;
    fields += inner.fields;
  };
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      add({ depth: 0, aliases: selection.alias ? 1 : 0, fields: 1 }, 1);
      if (selection.selectionSet) add(measure(selection.selectionSet, fragments, memo, visiting), 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      add(measure(selection.selectionSet, fragments, memo, visiting), 0);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue;
      let known = memo.get(name);
      if (!known) {
        visiting.add(name);
        known = measure(fragment.selectionSet, fragments, memo, visiting);
        visiting.delete(name);
        memo.set(name, known);
      }
      add(known, 0);
    }
  }
  return { depth, aliases, fields };
}

function tooComplex(operation: string, limit: 'depth' | 'aliases' | 'fields', max: number, actual: number): GraphQLError {
  const what = { depth: `is ${actual} levels deep`, aliases: `has ${actual} aliases`, fields: `selects ${actual} fields` }[limit];
  return new GraphQLError(`operation ${operation} ${what}, over the limit of ${max}`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, limit, max },
  });
}

/** What is over the limits in each operation of `document`, fragments expanded. */
export function operationLimitErrors(document: DocumentNode, limits: OperationLimits): GraphQLError[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const memo = new Map<string, Measure>();
  const errors: GraphQLError[] = [];
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    const name = definition.name?.value ?? '(anonymous)';
    const size = measure(definition.selectionSet, fragments, memo, new Set());
    if (size.depth > limits.maxDepth) errors.push(tooComplex(name, 'depth', limits.maxDepth, size.depth));
    if (size.aliases > limits.maxAliases) errors.push(tooComplex(name, 'aliases', limits.maxAliases, size.aliases));
    if (size.fields > limits.maxFields) errors.push(tooComplex(name, 'fields', limits.maxFields, size.fields));
  }
  return errors;
}

/**
 * Depth, alias and field-count limits as one validation rule: a costly document is refused with
 * QUERY_TOO_COMPLEX before the query planner runs or any agency is called. (The gateway also checks
 * them before Apollo validates at all, see preflight.ts.)
 */
export function operationLimitsRule(limits: OperationLimits): ValidationRule {
  return (context) => ({
    Document(document) {
      for (const error of operationLimitErrors(document, limits)) context.reportError(error);
      return false; // measured from the top; nothing below needs visiting again
    },
  });
}
