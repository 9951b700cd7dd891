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
 * Keys of the tax clearance certificates (完税证明) the tax bureau signs and the real-estate registry checks.
 * Each may be given inline as PEM or as a path to a PEM file; null when neither is set (see signing.ts).
 */
export interface SigningKeyConfig {
  /** TAX_CLEARANCE_PRIVATE_KEY or TAX_CLEARANCE_PRIVATE_KEY_FILE: the tax bureau's Ed25519 private key. */
  taxClearancePrivateKeyPem: string | null;
  /** TAX_CLEARANCE_PUBLIC_KEY or TAX_CLEARANCE_PUBLIC_KEY_FILE: the registry's copy of the bureau's public key. */
  taxClearancePublicKeyPem: string | null;
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

export function signingKeyConfig(env: Env = process.env): SigningKeyConfig {
  return {
    taxClearancePrivateKeyPem: readPem(env, 'TAX_CLEARANCE_PRIVATE_KEY'),
    taxClearancePublicKeyPem: readPem(env, 'TAX_CLEARANCE_PUBLIC_KEY'),
    production: env.NODE_ENV === 'production',
  };
}
