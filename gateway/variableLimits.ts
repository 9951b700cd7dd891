/**
 * Bounds on a request's variables, checked before Apollo or the gateway coerces them. The gateway
 * coerces variables without a cap on errors, so one list of 70,000 invalid enum values (560 KB, under the
 * body limit) built an error per element until the 192 MB heap ran out (issue 13). A body's size alone
 * does not bound that work; the number of values, the longest list and the nesting do.
 */
export interface VariableLimits {
  /** GRAPHQL_MAX_LIST_LENGTH: the most elements one list may hold (1,000). */
  maxListLength: number;
  /** GRAPHQL_MAX_VARIABLE_VALUES: the most values, at every level, all variables together (10,000). */
  maxVariableValues: number;
  /** GRAPHQL_MAX_VARIABLE_DEPTH: the most levels of lists and objects within one variable (10). */
  maxVariableDepth: number;
}

export interface VariableLimitBreach {
  /** Where: `variables.<name>[index].<field>…`, as far as the walk went. */
  field: string;
  limit: 'listLength' | 'variableValues' | 'variableDepth';
  max: number;
  message: string;
}

const pathOf = (parent: string, key: string | number) => (typeof key === 'number' ? `${parent}[${key}]` : `${parent}.${key}`);

/**
 * The first limit the variables break, or null. The walk keeps its own stack, so a hostile nesting costs no
 * recursion, and it stops at the first breach: refusing costs at most the limits, whatever was sent.
 */
export function variableLimitBreach(variables: unknown, limits: VariableLimits): VariableLimitBreach | null {
  if (typeof variables !== 'object' || variables === null) return null;
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: variables, path: 'variables', depth: 0 }];
  let values = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof value !== 'object' || value === null) continue;
    // The variables object itself is level 0; each variable's own lists and objects count from 1.
    if (depth > limits.maxVariableDepth) {
      return {
        field: path,
        limit: 'variableDepth',
        max: limits.maxVariableDepth,
        message: `${path} is nested more than ${limits.maxVariableDepth} levels deep`,
      };
    }
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
    if (Array.isArray(value) && value.length > limits.maxListLength) {
      return {
        field: path,
        limit: 'listLength',
        max: limits.maxListLength,
        message: `${path} holds ${value.length} elements, over the limit of ${limits.maxListLength}`,
      };
    }
    values += entries.length;
    if (values > limits.maxVariableValues) {
      return {
        field: path,
        limit: 'variableValues',
        max: limits.maxVariableValues,
        message: `the variables hold more than ${limits.maxVariableValues} values`,
      };
    }
    for (const [key, item] of entries) stack.push({ value: item, path: pathOf(path, key), depth: depth + 1 });
  }
  return null;
}
