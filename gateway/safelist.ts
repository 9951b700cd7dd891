import { readFileSync } from 'node:fs';
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../platform/errors';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * PERSISTED_OPERATIONS_FILE: the SHA-256 hashes (hex) of the exact document texts the front ends send,
 * as a JSON array, or as an object keyed by hash (the form of Relay's and most clients' persisted-query
 * output, whose values are the documents).
 */
export function loadSafelist(path: string): ReadonlySet<string> {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  const hashes = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? Object.keys(parsed) : [];
  const bad = hashes.find((hash) => typeof hash !== 'string' || !SHA256_HEX.test(hash));
  if (bad !== undefined) throw new Error(`PERSISTED_OPERATIONS_FILE ${path}: "${String(bad)}" is not a lowercase hex SHA-256 hash`);
  if (hashes.length === 0) throw new Error(`PERSISTED_OPERATIONS_FILE ${path} lists no operations: nothing could be asked`);
  return new Set(hashes as string[]);
}

/**
 * Accepts only listed documents. Apollo's queryHash is the SHA-256 of the document text, computed by
 * Apollo or checked against the text for automatic persisted queries, so a client cannot name a listed
 * hash and send another document. Checked in didResolveOperation, the first hook whose error Apollo
 * answers as a client's (an error from earlier hooks becomes a 500): after the bounded parse and
 * validation, before the query planner, any agency, or Apollo's cache of persisted queries.
 */
export function safelistPlugin<TContext extends BaseContext>(hashes: ReadonlySet<string>): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (hashes.has(queryHash)) return;
          throw new GraphQLError('this gateway accepts only the operations of its safelist, and this document is not one of them', {
            extensions: { code: ErrorCode.PERSISTED_QUERY_NOT_ALLOWED, http: { status: 400, headers: new HeaderMap() } },
          });
        },
      };
    },
  };
}
