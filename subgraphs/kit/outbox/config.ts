import { join } from 'node:path';
import { readPositiveInt } from '../../../platform/config';
import { FileSmsSender } from './fileSender';
import { HttpSmsSender } from './httpSender';
import type { SmsSender } from './sender';

type Env = Record<string, string | undefined>;

/**
 * The sender a subgraph uses: an HTTP gateway when SMS_HTTP_URL is set (SMS_HTTP_TOKEN as bearer token),
 * otherwise a JSON-lines file, SMS_FILE or `<dataDir>/sms.jsonl`. Nothing leaves the machine unless configured.
 */
export async function smsSenderFromEnv(dataDir: string, env: Env = process.env): Promise<SmsSender> {
  if (env.SMS_HTTP_URL) return new HttpSmsSender({ url: env.SMS_HTTP_URL, token: env.SMS_HTTP_TOKEN });
  return FileSmsSender.open(env.SMS_FILE ?? join(dataDir, 'sms.jsonl'));
}

/** SMS_RATE_PER_SECOND (default 20): the gateway's limit. */
export function smsRateFromEnv(env: Env = process.env): number {
  return readPositiveInt(env.SMS_RATE_PER_SECOND, 20, 'SMS_RATE_PER_SECOND');
}
