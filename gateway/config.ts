import { isProduction, keyConfig, readBoolean, readCount, readPositiveInt, type Env, type KeyConfig } from '../platform/config';

/** What development tokens name when no identity provider is configured; any other value is refused then. */
export const DEVELOPMENT_TOKEN_ISSUER = 'enforcement-supergraph-development';
export const DEVELOPMENT_TOKEN_AUDIENCE = 'enforcement-supergraph';

/**
 * How the gateway recognises clients' bearer tokens: the identity provider's public keys (a JWKS file or
 * URL) and the issuer and audience its tokens must name. With neither JWKS set, the development key of
 * signing.ts signs and checks them (only with DEVELOPMENT_MODE=true, see platform/config.ts).
 */
export interface ClientTokenConfig {
  /** JWT_JWKS_FILE: a JSON Web Key Set on disk. */
  jwksFile: string | null;
  /** JWT_JWKS_URL: the provider's key set; the only address the gateway ever fetches from on its own. */
  jwksUrl: string | null;
  /** JWT_ISSUER, JWT_AUDIENCE: required with a JWKS, the development values without. */
  issuer: string;
  audience: string;
  /** JWT_MAX_LIFETIME_SECONDS: the longest a token may live, from its `iat` to its `exp` and to now (12 h, one working day). */
  maxLifetimeSeconds: number;
  production: boolean;
}

export function clientTokenConfig(env: Env = process.env): ClientTokenConfig {
  const jwksFile = env.JWT_JWKS_FILE || null;
  const jwksUrl = env.JWT_JWKS_URL || null;
  if (jwksFile && jwksUrl) throw new Error('set JWT_JWKS_FILE or JWT_JWKS_URL, not both');
  const production = isProduction(env);
  if (jwksUrl && production && new URL(jwksUrl).protocol !== 'https:') throw new Error('JWT_JWKS_URL must be https in production');
  const configured = jwksFile !== null || jwksUrl !== null;
  // A provider's tokens without a checked issuer and audience would let tokens minted for other systems in.
  if (configured && (!env.JWT_ISSUER || !env.JWT_AUDIENCE))
    throw new Error('JWT_ISSUER and JWT_AUDIENCE must be set with JWT_JWKS_FILE or JWT_JWKS_URL');
  return {
    jwksFile,
    jwksUrl,
    issuer: env.JWT_ISSUER || DEVELOPMENT_TOKEN_ISSUER,
    audience: env.JWT_AUDIENCE || DEVELOPMENT_TOKEN_AUDIENCE,
    maxLifetimeSeconds: readPositiveInt(env.JWT_MAX_LIFETIME_SECONDS, 12 * 3600, 'JWT_MAX_LIFETIME_SECONDS'),
    production,
  };
}

/** The gateway's switches and limits; everything a client could abuse is off or bounded by default. */
/** How long the gateway waits for one agency: a query for a person at a screen, a mutation for the register's write. */
export interface AgencyTimeouts {
  readMs: number;
  writeMs: number;
}

export interface GatewayConfig {
  production: boolean;
  /** GRAPHIQL: serve the GraphiQL page at / (off by default; `npm start` turns it on). */
  graphiql: boolean;
  /** GRAPHQL_INTROSPECTION: answer __schema and __type (off by default; `npm start` turns it on). */
  introspection: boolean;
  /** GRAPHQL_MAX_DEPTH: nesting of fields, fragments expanded (15). */
  maxDepth: number;
  /** GRAPHQL_MAX_ALIASES: aliased fields per operation, fragments expanded (50). */
  maxAliases: number;
  /** GRAPHQL_MAX_FIELDS: field selections per operation, fragments expanded (2,000). */
  maxFields: number;
  /** GRAPHQL_MAX_LIST_LENGTH: elements of one list in the variables (1,000); see variableLimits.ts. */
  maxListLength: number;
  /** GRAPHQL_MAX_VARIABLE_VALUES: values in all variables together, at every level (10,000). */
  maxVariableValues: number;
  /** GRAPHQL_MAX_VARIABLE_DEPTH: levels of lists and input objects within one variable (10). */
  maxVariableDepth: number;
  /** GRAPHQL_MAX_ERRORS: errors shown in one response; the rest are counted in a last one (20). */
  maxErrors: number;
  /** GATEWAY_MAX_BODY_BYTES: a larger request body is refused with 413 (1 MB). */
  maxBodyBytes: number;
  /** PERSISTED_OPERATIONS_FILE: a JSON list of the SHA-256 hashes of the only documents accepted; null accepts any. */
  persistedOperationsFile: string | null;
  clientTokens: ClientTokenConfig;
  /** GATEWAY_IDENTITY_PRIVATE_KEY[_FILE]: the key signing the identity forwarded to subgraphs (see signing.ts). */
  identityKey: KeyConfig;
  /** NODE_ENV=development: stack traces in error responses, for a developer's own machine only. */
  stackTraces: boolean;
  /**
   * How long an agency may take before the gateway reports it unavailable and answers with the others:
   * SUBGRAPH_READ_TIMEOUT_MS for queries (5 s, a person waiting at a screen), SUBGRAPH_WRITE_TIMEOUT_MS
   * for mutations (30 s: the embedded FerretDB queues concurrent writes for seconds); one agency's own
   * with <NAME>_READ_TIMEOUT_MS and <NAME>_WRITE_TIMEOUT_MS (e.g. VESSELS_READ_TIMEOUT_MS).
   */
  subgraphTimeouts: AgencyTimeouts;
  /** Per agency, by its environment key (REALESTATE, VESSELS…): what it sets of its own. */
  agencyTimeouts: Record<string, Partial<AgencyTimeouts>>;
}

export function gatewayConfig(env: Env = process.env): GatewayConfig {
  // Renamed when reads and writes got their own limits: a deployment still setting it would otherwise wait 5 s, not what it set.
  if (env.SUBGRAPH_TIMEOUT_MS)
    throw new Error(
      'SUBGRAPH_TIMEOUT_MS is replaced by SUBGRAPH_READ_TIMEOUT_MS (queries, default 5000) and SUBGRAPH_WRITE_TIMEOUT_MS (mutations, default 30000)',
    );
  return {
    production: isProduction(env),
    graphiql: readBoolean(env.GRAPHIQL, false, 'GRAPHIQL'),
    introspection: readBoolean(env.GRAPHQL_INTROSPECTION, false, 'GRAPHQL_INTROSPECTION'),
    maxDepth: readPositiveInt(env.GRAPHQL_MAX_DEPTH, 15, 'GRAPHQL_MAX_DEPTH'),
    maxAliases: readCount(env.GRAPHQL_MAX_ALIASES, 50, 'GRAPHQL_MAX_ALIASES'),
    maxFields: readPositiveInt(env.GRAPHQL_MAX_FIELDS, 2000, 'GRAPHQL_MAX_FIELDS'),
    maxListLength: readPositiveInt(env.GRAPHQL_MAX_LIST_LENGTH, 1000, 'GRAPHQL_MAX_LIST_LENGTH'),
    maxVariableValues: readPositiveInt(env.GRAPHQL_MAX_VARIABLE_VALUES, 10_000, 'GRAPHQL_MAX_VARIABLE_VALUES'),
    maxVariableDepth: readPositiveInt(env.GRAPHQL_MAX_VARIABLE_DEPTH, 10, 'GRAPHQL_MAX_VARIABLE_DEPTH'),
    maxErrors: readPositiveInt(env.GRAPHQL_MAX_ERRORS, 20, 'GRAPHQL_MAX_ERRORS'),
    maxBodyBytes: readPositiveInt(env.GATEWAY_MAX_BODY_BYTES, 1_000_000, 'GATEWAY_MAX_BODY_BYTES'),
    persistedOperationsFile: env.PERSISTED_OPERATIONS_FILE || null,
    clientTokens: clientTokenConfig(env),
    identityKey: keyConfig('GATEWAY_IDENTITY', env),
    stackTraces: env.NODE_ENV === 'development',
    subgraphTimeouts: {
      readMs: readPositiveInt(env.SUBGRAPH_READ_TIMEOUT_MS, 5_000, 'SUBGRAPH_READ_TIMEOUT_MS'),
      writeMs: readPositiveInt(env.SUBGRAPH_WRITE_TIMEOUT_MS, 30_000, 'SUBGRAPH_WRITE_TIMEOUT_MS'),
    },
    agencyTimeouts: agencyTimeouts(env),
  };
}

/** <NAME>_READ_TIMEOUT_MS and <NAME>_WRITE_TIMEOUT_MS, by NAME; SUBGRAPH_ is the default for all. */
function agencyTimeouts(env: Env): Record<string, Partial<AgencyTimeouts>> {
  const timeouts: Record<string, Partial<AgencyTimeouts>> = {};
  for (const [variable, value] of Object.entries(env)) {
    const match = /^([A-Z][A-Z0-9]*)_(READ|WRITE)_TIMEOUT_MS$/.exec(variable);
    if (!match || match[1] === 'SUBGRAPH') continue;
    const [, agency, kind] = match as unknown as [string, string, 'READ' | 'WRITE'];
    timeouts[agency] = { ...timeouts[agency], [kind === 'READ' ? 'readMs' : 'writeMs']: readPositiveInt(value, 1, variable) };
  }
  return timeouts;
}
