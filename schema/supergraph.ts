import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { SUBGRAPHS } from '../subgraphs/registry';

export const SUPERGRAPH_PATH = join(__dirname, 'supergraph.graphql');

export interface Composition {
  supergraphSdl: string;
  hints: string[];
}

/**
 * Composes every subgraph of the registry. The URLs written into the supergraph are the
 * development defaults; deployments and tests point the gateway elsewhere without recomposing.
 */
export function composeSupergraph(): Composition {
  const result = composeServices(
    SUBGRAPHS.map((subgraph) => ({
      name: subgraph.name,
      url: `http://127.0.0.1:${subgraph.defaultPort}/graphql`,
      typeDefs: subgraph.typeDefs,
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `  - ${error.message}`).join('\n')}`);
  }
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((hint) => hint.toString()) };
}

export function readCommittedSupergraph(): string {
  return readFileSync(SUPERGRAPH_PATH, 'utf8');
}
