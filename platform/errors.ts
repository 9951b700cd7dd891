import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The one catalogue of error codes the graph returns in `extensions.code`.
 * Front ends switch on these; add a code here before using it anywhere.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  ALREADY_CONTROLLED: 'ALREADY_CONTROLLED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** The asset named is not registered as held by the party named (or there is no such asset: the two read alike). */
  OWNER_MISMATCH: 'OWNER_MISMATCH',
  /**
   * A genuine tax clearance certificate (完税证明) states that the transfer taxes are not paid in full:
   * settle them with the tax bureau and bring a new certificate. A certificate that is forged, altered or
   * for another unit or case is BAD_USER_INPUT naming input.taxClearanceCertificate instead.
   */
  TAX_NOT_CLEARED: 'TAX_NOT_CLEARED',
  AGENCY_UNAVAILABLE: 'AGENCY_UNAVAILABLE',
  /** The gateway refused an operation before running it: too deep, too many aliases or too many fields (extensions.limit says which). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The gateway accepts only the documents of its safelist (PERSISTED_OPERATIONS_FILE), and this is not one. */
  PERSISTED_QUERY_NOT_ALLOWED: 'PERSISTED_QUERY_NOT_ALLOWED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function domainError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** Refuses input, naming the argument path (e.g. `caseNumber`, `filter.status`) so a form can mark the field. */
export function badUserInput(field: string, reason: string): GraphQLError {
  return domainError(ErrorCode.BAD_USER_INPUT, `${field}: ${reason}`, { field, reason });
}

export function notFound(what: string, id: string): GraphQLError {
  return domainError(ErrorCode.NOT_FOUND, `${what} ${id} does not exist`, { id });
}

/** Apollo Server's codes for requests the client got wrong; their messages describe the request, not the server. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);
const SHOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  ...CLIENT_CODES,
]);

/**
 * Apollo's formatError for production: an error the catalogue does not name is a fault of ours, and its
 * message may carry stack frames, database hosts or subgraph URLs, so the client sees only that it
 * happened and the server's log keeps the rest. Outside production, errors pass unchanged.
 */
export function maskInternalErrors(
  production: boolean,
  log: (error: unknown) => void = (error) => console.error('internal error:', error),
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    if (!production) return formatted;
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    if (code !== undefined && SHOWN_CODES.has(code)) return { ...formatted, extensions };
    log(error);
    return {
      message: 'internal error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
