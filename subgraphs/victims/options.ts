import { resolve } from 'node:path';
import { readPositiveInt } from '../../platform/config';

type Env = Record<string, string | undefined>;

export interface VictimsOptions {
  /** Days to object after verification, for cases declared without their own (15 is practice, not law). */
  objectionDays: number;
  /** Where the file payment channel and the SMS file live, one directory per database. */
  dataDir: string;
}

export const REPO_ROOT = resolve(__dirname, '..', '..');

export function victimsOptionsFromEnv(env: Env = process.env): VictimsOptions {
  return {
    objectionDays: readPositiveInt(env.VICTIMS_OBJECTION_DAYS, 15, 'VICTIMS_OBJECTION_DAYS'),
    dataDir: env.VICTIMS_DATA_DIR ?? resolve(REPO_ROOT, '.data', 'victims'),
  };
}
