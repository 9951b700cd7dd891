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

type Env = Record<string, string | undefined>;

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
