import type { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Identity } from '../platform/identity';
import type { GatewayConfig } from './config';
import { ErrorCode, maskInternalErrors } from '../platform/errors';
import { errorCapPlugin } from './errorCap';
import { operationLimitsRule } from './limits';
import { loadSafelist, safelistPlugin } from './safelist';

/** What every gateway request carries: the client's identity, verified before Apollo sees the request. */
export interface GatewayContext extends BaseContext {
  identity: Identity;
}

const CATALOGUE = new Set<string>(Object.values(ErrorCode));

/**
 * Apollo reports every validation failure as GRAPHQL_VALIDATION_FAILED; a rule of ours that chose a
 * catalogue code (QUERY_TOO_COMPLEX) gets it back, so front ends can tell "too big" from "invalid".
 */
function restoreRuleCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const code = original instanceof GraphQLError ? original.extensions.code : undefined;
  if (typeof code !== 'string' || !CATALOGUE.has(code) || formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED') return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code } };
}

export function gatewayApolloServer(gateway: ApolloGateway, config: GatewayConfig): ApolloServer<GatewayContext> {
  const mask = maskInternalErrors(config.production);
  return new ApolloServer<GatewayContext>({
    gateway,
    // Apollo's landing page loads from a CDN; usage and schema reports would leave for Apollo's cloud
    // whenever an APOLLO_KEY happens to be in the environment.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      errorCapPlugin<GatewayContext>(config.maxErrors),
      ...(config.persistedOperationsFile ? [safelistPlugin<GatewayContext>(loadSafelist(config.persistedOperationsFile))] : []),
    ],
    introspection: config.introspection,
    validationRules: [operationLimitsRule(config)],
    // A browser may send a "simple" cross-site request with the user's cookies; Apollo refuses those.
    csrfPrevention: true,
    includeStacktraceInErrorResponses: config.stackTraces && !config.production,
    formatError: (formatted, error) => mask(restoreRuleCode(formatted, error), error),
  });
}
