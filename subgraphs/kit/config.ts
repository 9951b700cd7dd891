import { readFileSync } from 'node:fs';

/**
 * All configuration read from the environment, in one place.
 * A subgraph named `realestate` reads REALESTATE_PORT, REALESTATE_DB and REALESTATE_MONGODB_URI,
 * falling back to the shared MONGODB_URI, so one agency can be pointed at its own server alone.
 */
export interface SubgraphConfig {
  name: string;
  host: string;
  port: number;
  mongoUri: string;
  dbName: string;
  /** Connections to the database at most; see kit/mongo.ts for why it stays well under 100. */
  maxPoolSize: number;
}

export type Env = Record<string, string | undefined>;

export function envKey(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

export function listenHost(env: Env = process.env): string {
  // Loopback unless a deployment says otherwise: court data must not be served to the network by accident.
  return env.HOST ?? '127.0.0.1';
}

export function readPort(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${variable} must be a port number, got "${value}"`);
  return port;
}

export function readPositiveInt(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${variable} must be a positive integer, got "${value}"`);
  return n;
}

export function databaseName(name: string, env: Env = process.env): string {
  const prefix = env.DB_PREFIX ?? 'enforcement';
  return env[`${envKey(name)}_DB`] ?? `${prefix}_${name}`;
}

export function subgraphConfig(name: string, defaultPort: number, env: Env = process.env): SubgraphConfig {
  const key = envKey(name);
  const mongoUri = env[`${key}_MONGODB_URI`] ?? env.MONGODB_URI;
  if (!mongoUri) throw new Error(`${key}_MONGODB_URI or MONGODB_URI must be set for subgraph ${name}`);
  return {
    name,
    host: listenHost(env),
    port: readPort(env[`${key}_PORT`], defaultPort, `${key}_PORT`),
    mongoUri,
    dbName: databaseName(name, env),
    maxPoolSize: readPositiveInt(env.MONGODB_MAX_POOL_SIZE, 20, 'MONGODB_MAX_POOL_SIZE'),
  };
}

/** Non-negative whole numbers, for counts where 0 is meaningful. */
export function readCount(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${variable} must be a whole number of 0 or more, got "${value}"`);
  return n;
}

/** A comma-separated list of calendar dates, e.g. HOLIDAYS=2026-10-01,2026-10-02. */
export function readDates(value: string | undefined, variable: string): string[] {
  const dates = (value ?? '').split(',').map((d) => d.trim()).filter((d) => d !== '');
  // Parsing and printing back catches dates that do not exist, such as 2026-02-30, which Date rolls over.
  const real = (d: string) => {
    const time = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === d;
  };
  const bad = dates.find((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || !real(d));
  if (bad !== undefined) throw new Error(`${variable} must list dates as YYYY-MM-DD separated by commas, got "${bad}"`);
  return dates;
}

/**
 * Which days count as working days in China Standard Time. The State Council publishes the holidays
 * and the weekend days worked in exchange (调休) each year, so both are configuration, not code.
 */
export interface WorkingCalendar {
  /** HOLIDAYS: public holidays falling on weekdays. */
  holidays: readonly string[];
  /** WORKING_WEEKEND_DAYS: Saturdays and Sundays that are worked (调休上班). */
  workingWeekendDays: readonly string[];
}

export interface InvestigationConfig {
  /** INVESTIGATION_FEEDBACK_WORKING_DAYS: an agency's time to answer (local target, 5 working days by default). */
  feedbackWorkingDays: number;
  /** INVESTIGATION_ESCALATION_WORKING_DAYS: how many working days overdue an unanswered request may be before it is escalated (3 by default). */
  escalationWorkingDays: number;
  calendar: WorkingCalendar;
}

export function investigationConfig(env: Env = process.env): InvestigationConfig {
  return {
    feedbackWorkingDays: readPositiveInt(env.INVESTIGATION_FEEDBACK_WORKING_DAYS, 5, 'INVESTIGATION_FEEDBACK_WORKING_DAYS'),
    escalationWorkingDays: readCount(env.INVESTIGATION_ESCALATION_WORKING_DAYS, 3, 'INVESTIGATION_ESCALATION_WORKING_DAYS'),
    calendar: {
      holidays: readDates(env.HOLIDAYS, 'HOLIDAYS'),
      workingWeekendDays: readDates(env.WORKING_WEEKEND_DAYS, 'WORKING_WEEKEND_DAYS'),
    },
  };
}

/**
 * One named Ed25519 key pair (see signing.ts for the names): `<NAME>_PRIVATE_KEY` for the party that
 * signs, `<NAME>_PUBLIC_KEY` for those that check, each inline PEM or `<VARIABLE>_FILE` naming a PEM file;
 * null when neither is set, and signing.ts decides whether a development key may stand in.
 */
export interface KeyConfig {
  privateKeyPem: string | null;
  publicKeyPem: string | null;
  /** NODE_ENV=production: no development key may stand in for a missing one. */
  production: boolean;
}

function readPem(env: Env, variable: string): string | null {
  const inline = env[variable];
  // One-line env files often carry a PEM's line breaks as the two characters \n.
  if (inline) return inline.replace(/\\n/g, '\n');
  const path = env[`${variable}_FILE`];
  return path ? readFileSync(path, 'utf8') : null;
}

export function isProduction(env: Env = process.env): boolean {
  return env.NODE_ENV === 'production';
}

export function keyConfig(name: string, env: Env = process.env): KeyConfig {
  return {
    privateKeyPem: readPem(env, `${name}_PRIVATE_KEY`),
    publicKeyPem: readPem(env, `${name}_PUBLIC_KEY`),
    production: isProduction(env),
  };
}

export function readBoolean(value: string | undefined, fallback: boolean, variable: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new Error(`${variable} must be true or false, got "${value}"`);
}

/** What development tokens name when no identity provider is configured; any other value is refused then. */
export const DEVELOPMENT_TOKEN_ISSUER = 'enforcement-supergraph-development';
export const DEVELOPMENT_TOKEN_AUDIENCE = 'enforcement-supergraph';

/**
 * How the gateway recognises clients' bearer tokens: the identity provider's public keys (a JWKS file or
 * URL) and the issuer and audience its tokens must name. With neither JWKS set, the development key of
 * signing.ts signs and checks them (refused in production, see gateway/auth).
 */
export interface ClientTokenConfig {
  /** JWT_JWKS_FILE: a JSON Web Key Set on disk. */
  jwksFile: string | null;
  /** JWT_JWKS_URL: the provider's key set; the only address the gateway ever fetches from on its own. */
  jwksUrl: string | null;
  /** JWT_ISSUER, JWT_AUDIENCE: required with a JWKS, the development values without. */
  issuer: string;
  audience: string;
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
  if (configured && (!env.JWT_ISSUER || !env.JWT_AUDIENCE)) throw new Error('JWT_ISSUER and JWT_AUDIENCE must be set with JWT_JWKS_FILE or JWT_JWKS_URL');
  return {
    jwksFile,
    jwksUrl,
    issuer: env.JWT_ISSUER || DEVELOPMENT_TOKEN_ISSUER,
    audience: env.JWT_AUDIENCE || DEVELOPMENT_TOKEN_AUDIENCE,
    production,
  };
}

/** The gateway's switches and limits; everything a client could abuse is off or bounded by default. */
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
  /** GATEWAY_MAX_BODY_BYTES: a larger request body is refused with 413 (1 MB). */
  maxBodyBytes: number;
  /** PERSISTED_OPERATIONS_FILE: a JSON list of the SHA-256 hashes of the only documents accepted; null accepts any. */
  persistedOperationsFile: string | null;
  clientTokens: ClientTokenConfig;
  /** GATEWAY_IDENTITY_PRIVATE_KEY[_FILE]: the key signing the identity forwarded to subgraphs (see signing.ts). */
  identityKey: KeyConfig;
  /** NODE_ENV=development: stack traces in error responses, for a developer's own machine only. */
  stackTraces: boolean;
  /** SUBGRAPH_TIMEOUT_MS: how long an agency may take to answer before the gateway reports it unavailable (30 s: the embedded FerretDB queues concurrent writes for seconds; a deployment on MongoDB should set about 5 s). */
  subgraphTimeoutMs?: number;
}

export function gatewayConfig(env: Env = process.env): GatewayConfig {
  return {
    production: isProduction(env),
    graphiql: readBoolean(env.GRAPHIQL, false, 'GRAPHIQL'),
    introspection: readBoolean(env.GRAPHQL_INTROSPECTION, false, 'GRAPHQL_INTROSPECTION'),
    maxDepth: readPositiveInt(env.GRAPHQL_MAX_DEPTH, 15, 'GRAPHQL_MAX_DEPTH'),
    maxAliases: readCount(env.GRAPHQL_MAX_ALIASES, 50, 'GRAPHQL_MAX_ALIASES'),
    maxFields: readPositiveInt(env.GRAPHQL_MAX_FIELDS, 2000, 'GRAPHQL_MAX_FIELDS'),
    maxBodyBytes: readPositiveInt(env.GATEWAY_MAX_BODY_BYTES, 1_000_000, 'GATEWAY_MAX_BODY_BYTES'),
    persistedOperationsFile: env.PERSISTED_OPERATIONS_FILE || null,
    clientTokens: clientTokenConfig(env),
    identityKey: keyConfig('GATEWAY_IDENTITY', env),
    stackTraces: env.NODE_ENV === 'development',
    subgraphTimeoutMs: readPositiveInt(env.SUBGRAPH_TIMEOUT_MS, 30_000, 'SUBGRAPH_TIMEOUT_MS'),
  };
}
