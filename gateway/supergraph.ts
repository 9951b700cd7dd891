import { Kind, parse, type ConstDirectiveNode } from 'graphql';

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((arg) => arg.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/**
 * Subgraph name → routing URL, as recorded by composition in the supergraph's `join__Graph` enum.
 * The names are the ones the gateway passes to `buildService`, so they are the keys overrides must use.
 */
export function subgraphNamesAndUrls(supergraphSdl: string): Record<string, string> {
  const document = parse(supergraphSdl, { noLocation: true });
  const graphs = document.definitions.find((node) => node.kind === Kind.ENUM_TYPE_DEFINITION && node.name.value === 'join__Graph');
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error('supergraph has no join__Graph enum: is it a composed supergraph?');
  const result: Record<string, string> = {};
  for (const value of graphs.values ?? []) {
    const directive = value.directives?.find((d) => d.name.value === 'join__graph');
    const name = directive && stringArgument(directive, 'name');
    if (!directive || name === undefined) throw new Error(`join__Graph.${value.name.value} has no @join__graph(name:)`);
    // Composition writes an empty url for a subgraph composed without one; an override must then supply it.
    result[name] = stringArgument(directive, 'url') ?? '';
  }
  return result;
}
