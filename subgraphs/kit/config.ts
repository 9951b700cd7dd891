import { envKey, listenHost, readCount, readDates, readPort, readPositiveInt, type Env } from '../../platform/config';
import type { WorkingCalendar } from '../../domain/workingDays';

/**
 * A subgraph's configuration from the environment.
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
