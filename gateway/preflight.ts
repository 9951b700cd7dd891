import type { HTTPGraphQLRequest } from '@apollo/server';
import { parse, type DocumentNode } from 'graphql';
import { ErrorCode } from '../subgraphs/kit/errors';
import { RequestRefused } from '../subgraphs/kit/http';
import { operationLimitErrors, type OperationLimits } from './limits';

function documentOf(request: HTTPGraphQLRequest): DocumentNode | undefined {
  const body = request.body;
  const query = typeof body === 'object' && body !== null && 'query' in body ? body.query : new URLSearchParams(request.search).get('query');
  if (typeof query !== 'string') return undefined;
  try {
    return parse(query, { noLocation: true });
  } catch {
    return undefined; // Apollo answers a syntax error with its own message
  }
}

/**
 * The operation limits again, before Apollo validates. Apollo runs graphql-js's own rules in the same
 * pass as ours, and one of them (OverlappingFieldsCanBeMerged) is quadratic in repeated fields: a
 * megabyte of `courts { code }` would keep the gateway busy for hours even though our rule refuses it.
 * Parsing here is linear in the body, which the size limit bounds.
 */
export function limitsPreflight(limits: OperationLimits): (request: HTTPGraphQLRequest) => void {
  return (request) => {
    const document = documentOf(request);
    const [first] = document ? operationLimitErrors(document, limits) : [];
    if (first) throw new RequestRefused(400, ErrorCode.QUERY_TOO_COMPLEX, first.message, { ...first.extensions });
  };
}
