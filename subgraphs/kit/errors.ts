import { GraphQLError } from 'graphql';

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
  /**
   * A genuine tax clearance certificate (完税证明) states that the transfer taxes are not paid in full:
   * settle them with the tax bureau and bring a new certificate. A certificate that is forged, altered or
   * for another unit or case is BAD_USER_INPUT naming input.taxClearanceCertificate instead.
   */
  TAX_NOT_CLEARED: 'TAX_NOT_CLEARED',
  AGENCY_UNAVAILABLE: 'AGENCY_UNAVAILABLE',
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
