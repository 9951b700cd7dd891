import { resolve } from 'node:path';
import { isProduction, readPositiveInt, type Env } from '../../../platform/config';

/** Published in this repository, so anyone could compute the subject hashes it keys: development only. */
const DEVELOPMENT_KEY = 'enforcement-supergraph development access-log key';
let warned = false;

/** ACCESS_LOG_KEY keys the hashes of the subjects in the access log; like the signing keys, production must set it. */
export function accessLogKey(env: Env = process.env): string {
  const key = env.ACCESS_LOG_KEY;
  if (key) {
    if (key.length < 32) throw new Error('ACCESS_LOG_KEY must be at least 32 characters');
    return key;
  }
  if (isProduction(env))
    throw new Error(
      'ACCESS_LOG_KEY must be set: the development key stands in only with DEVELOPMENT_MODE=true (as npm start and the tests set it)',
    );
  if (!warned) {
    warned = true;
    console.warn('warning: ACCESS_LOG_KEY is not set; the access log hashes subjects with a development key');
  }
  return DEVELOPMENT_KEY;
}

/**
 * ACCESS_LOG_CHECKPOINT_DIR: where each log's signed checkpoints are appended, a place outside the
 * subgraph's database (a volume of its own, or one that another party backs up). Production must set it;
 * in development mode it defaults to `.data/access-log-checkpoints` under the working directory.
 */
export function accessLogCheckpointDir(env: Env = process.env): string {
  const dir = env.ACCESS_LOG_CHECKPOINT_DIR;
  if (dir) return resolve(dir);
  if (isProduction(env))
    throw new Error(
      'ACCESS_LOG_CHECKPOINT_DIR must be set: a development directory stands in only with DEVELOPMENT_MODE=true (as npm start and the tests set it)',
    );
  return resolve('.data', 'access-log-checkpoints');
}

/** ACCESS_LOG_CHECKPOINT_SECONDS: how often a log that has grown is checkpointed (default 60); also on shutdown. */
export function accessLogCheckpointSeconds(env: Env = process.env): number {
  return readPositiveInt(env.ACCESS_LOG_CHECKPOINT_SECONDS, 60, 'ACCESS_LOG_CHECKPOINT_SECONDS');
}
