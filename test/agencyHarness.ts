import type { Identity } from '../platform/identity';
import { identityHeaders } from '../platform/internalToken';
import { attestLegalBasis } from '../subgraphs/kit/auth/legalBasis';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/kit/server';
import type { Subgraph } from '../subgraphs/kit/subgraph';
import type { AgencyData } from '../seed/world';
import type { GraphQLResponse } from './harness';
import { actorFor } from './identities';
import { freshDatabase, testMongoUri } from './database';

export interface AgencyHarness {
  subgraph: RunningSubgraph;
  /** Sends a GraphQL document straight to the subgraph, as the gateway would: with actorFor's identity signed by the gateway's key, or `as`. */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { as?: Identity | 'anonymous' },
  ): Promise<GraphQLResponse<TData>>;
  /** Resolves CaseParty representations and returns the selected fields, in order. */
  caseParties<T = Record<string, unknown>>(refs: { caseNumber: string; partyId: string }[], selection: string): Promise<T[]>;
  stop(): Promise<void>;
}

/** One agency subgraph alone on port 0 with its own database, holding exactly `data`. */
export async function startAgency(subgraph: Subgraph, name: string, data: AgencyData): Promise<AgencyHarness> {
  const uri = testMongoUri();
  const dbName = `t_${name}_${subgraph.name}`;
  const { client, db } = await freshDatabase(dbName);
  try {
    for (const [collection, docs] of Object.entries(data)) if (docs.length > 0) await db.collection(collection).insertMany(docs);
  } finally {
    await client.close();
  }
  const running = await startSubgraph(subgraph, {
    name: subgraph.name,
    host: '127.0.0.1',
    port: 0,
    mongoUri: uri,
    dbName,
    maxPoolSize: 20,
  });
  const query = async <TData>(document: string, variables?: Record<string, unknown>, options: { as?: Identity | 'anonymous' } = {}) => {
    const as = options.as ?? actorFor(document);
    const identity = as === 'anonymous' ? {} : await identityHeaders(as, subgraph.name);
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...identity },
      body: JSON.stringify({ query: document, variables }),
    });
    return (await response.json()) as GraphQLResponse<TData>;
  };
  return {
    subgraph: running,
    query,
    async caseParties<T>(refs: { caseNumber: string; partyId: string }[], selection: string) {
      const document = `query($r: [_Any!]!) { _entities(representations: $r) { ... on CaseParty { ${selection} } } }`;
      // The court's attestation the gateway would fetch first, for whoever sends the document.
      const actor = actorFor(document);
      const representations = refs.map((ref) => ({
        __typename: 'CaseParty',
        ...ref,
        legalBasis: attestLegalBasis({ ...ref, userId: actor.userId }, new Date()),
      }));
      const response = await query<{ _entities: T[] }>(document, { r: representations }, { as: actor });
      if (response.errors) throw new Error(JSON.stringify(response.errors));
      return response.data?._entities ?? [];
    },
    stop: () => running.stop(),
  };
}
