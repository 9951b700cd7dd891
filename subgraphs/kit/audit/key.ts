import { isProduction, type Env } from '../../../platform/config';

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
  if (isProduction(env)) throw new Error('ACCESS_LOG_KEY must be set: the development key stands in only with DEVELOPMENT_MODE=true (as npm start and the tests set it)');
  if (!warned) {
    warned = true;
    console.warn('warning: ACCESS_LOG_KEY is not set; the access log hashes subjects with a development key');
  }
  return DEVELOPMENT_KEY;
}
