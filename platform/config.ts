import { readFileSync } from 'node:fs';

/**
 * The environment readers every service uses: each checks its variable and names it when the value is wrong,
 * so a misconfigured deployment stops at start with the variable's name. Each service's own settings are
 * read by its own module (subgraphs/kit/config.ts, gateway/config.ts) with these.
 */
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

/** Non-negative whole numbers, for counts where 0 is meaningful. */
export function readCount(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${variable} must be a whole number of 0 or more, got "${value}"`);
  return n;
}

/** A comma-separated list of calendar dates, e.g. HOLIDAYS=2026-10-01,2026-10-02. */
export function readDates(value: string | undefined, variable: string): string[] {
  const dates = (value ?? '')
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '');
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
 * One named Ed25519 key pair (see signing.ts for the names): `<NAME>_PRIVATE_KEY` for the party that
 * signs, `<NAME>_PUBLIC_KEY` for those that check, each inline PEM or `<VARIABLE>_FILE` naming a PEM file;
 * null when neither is set, and signing.ts decides whether a development key may stand in.
 */
export interface KeyConfig {
  privateKeyPem: string | null;
  publicKeyPem: string | null;
  /** Not DEVELOPMENT_MODE=true: no development key may stand in for a missing one. */
  production: boolean;
}

function readPem(env: Env, variable: string): string | null {
  const inline = env[variable];
  // One-line env files often carry a PEM's line breaks as the two characters \n.
  if (inline) return inline.replace(/\\n/g, '\n');
  const path = env[`${variable}_FILE`];
  return path ? readFileSync(path, 'utf8') : null;
}

/**
 * DEVELOPMENT_MODE=true, which `npm start` and the tests set, is the only way the published development
 * keys may stand in for missing ones. Everything else is treated as production, whatever NODE_ENV says:
 * `Production`, `prod`, `staging` or nothing at all once let a deployment run on keys anyone can sign with.
 */
export function isDevelopmentMode(env: Env = process.env): boolean {
  const development = readBoolean(env.DEVELOPMENT_MODE, false, 'DEVELOPMENT_MODE');
  if (development && env.NODE_ENV === 'production')
    throw new Error('DEVELOPMENT_MODE=true and NODE_ENV=production contradict each other: unset one');
  return development;
}

/** Production is the default: anything that is not explicitly development mode (see isDevelopmentMode). */
export function isProduction(env: Env = process.env): boolean {
  return !isDevelopmentMode(env);
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
