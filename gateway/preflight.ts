import { createHash } from 'node:crypto';
import type { HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerErrorCode } from '@apollo/server/errors';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { ErrorCode } from '../platform/errors';
import { RequestRefused } from '../platform/http';
import { operationLimitErrors, type OperationLimits } from './limits';
import { variableLimitBreach, type VariableLimits } from './variableLimits';

/** A field of the request: from a POST body that carries the document, else from the query string. */
function requestField(request: HTTPGraphQLRequest, field: 'query' | 'operationName' | 'variables'): unknown {
  const body = request.body;
  if (typeof body === 'object' && body !== null && 'query' in body) return (body as Record<string, unknown>)[field];
  return new URLSearchParams(request.search).get(field) ?? undefined;
}

/** The variables as Apollo will read them: an object in a POST body, JSON text in a GET's query string. */
function variablesOf(request: HTTPGraphQLRequest): unknown {
  const variables = requestField(request, 'variables');
  if (typeof variables !== 'string') return variables;
  try {
    return JSON.parse(variables) as unknown;
  } catch {
    return undefined; // Apollo refuses variables that are not JSON with its own message
  }
}

function documentOf(request: HTTPGraphQLRequest): DocumentNode | undefined {
  const query = requestField(request, 'query');
  if (typeof query !== 'string') return undefined;
  try {
    return parse(query, { noLocation: true });
  } catch {
    return undefined; // Apollo answers a syntax error with its own message
  }
}

/**
 * Variables are bounded before Apollo or the gateway coerce them: coercion builds an error per bad value
 * with no cap, so one 560 KB list of invalid enum values exhausted the gateway's heap (issue 13).
 *
 * The operation limits again, before Apollo validates. Apollo runs graphql-js's own rules in the same
 * pass as ours, and one of them (OverlappingFieldsCanBeMerged) is quadratic in repeated fields: a
 * megabyte of `courts { code }` would keep the gateway busy for hours even though our rule refuses it.
 * Parsing here is linear in the body, which the size limit bounds.
 */
export function limitsPreflight(limits: OperationLimits & VariableLimits): (request: HTTPGraphQLRequest) => void {
  return (request) => {
    const breach = variableLimitBreach(variablesOf(request), limits);
    if (breach)
      throw new RequestRefused(400, ErrorCode.BAD_USER_INPUT, breach.message, {
        field: breach.field,
        limit: breach.limit,
        max: breach.max,
      });
    const document = documentOf(request);
    const [first] = document ? operationLimitErrors(document, limits) : [];
    if (first) throw new RequestRefused(400, ErrorCode.QUERY_TOO_COMPLEX, first.message, { ...first.extensions });
    if (document) refuseUnresolvedOperation(document, requestField(request, 'operationName'));
    refuseMalformedPersistedQuery(request);
  };
}

/**
 * Apollo answers a persistedQuery extension it cannot use (not an object, another version, a hash that is
 * not hex or not the query's) with a 400 coded INTERNAL_SERVER_ERROR, which production would log as our fault.
 */
function refuseMalformedPersistedQuery(request: HTTPGraphQLRequest): void {
  const body = request.body;
  const extensions =
    typeof body === 'object' && body !== null && 'extensions' in body ? (body as { extensions?: unknown }).extensions : undefined;
  if (typeof extensions !== 'object' || extensions === null || !('persistedQuery' in extensions)) return;
  const persisted = (extensions as { persistedQuery?: unknown }).persistedQuery;
  const { version, sha256Hash } = (typeof persisted === 'object' && persisted !== null ? persisted : {}) as {
    version?: unknown;
    sha256Hash?: unknown;
  };
  if (version !== 1 || typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256Hash)) {
    throw new RequestRefused(
      400,
      ApolloServerErrorCode.BAD_REQUEST,
      'extensions.persistedQuery must be { version: 1, sha256Hash: <64 hex digits> }',
    );
  }
  const query = requestField(request, 'query');
  if (typeof query === 'string' && createHash('sha256').update(query).digest('hex') !== sha256Hash.toLowerCase()) {
    throw new RequestRefused(
      400,
      ApolloServerErrorCode.BAD_REQUEST,
      'extensions.persistedQuery.sha256Hash is not the hash of the query sent with it',
    );
  }
}

/**
 * With a gateway, Apollo leaves choosing the operation to the gateway's executor, whose refusal of an
 * operationName that names none (or of several operations and no name, or of a subscription, which the
 * graph has none of) comes back as a 500 that production masks as an internal error. They are the
 * client's mistakes: 400, with the code Apollo itself gives them without a gateway.
 */
function refuseUnresolvedOperation(document: DocumentNode, operationName: unknown): void {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  // A name of another type is Apollo's to refuse (400 BAD_REQUEST); a document without operations fails validation.
  if ((operationName !== undefined && operationName !== null && typeof operationName !== 'string') || operations.length === 0) return;
  const named = typeof operationName === 'string';
  const chosen = named ? operations.find((op) => op.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!chosen) {
    const message = named
      ? `Unknown operation named "${operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    throw new RequestRefused(400, ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE, message);
  }
  if (chosen.operation === 'subscription')
    throw new RequestRefused(400, ApolloServerErrorCode.BAD_REQUEST, 'the graph has no subscriptions');
}
