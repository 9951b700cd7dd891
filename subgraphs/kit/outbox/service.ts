import { join } from 'node:path';
import type { BackgroundService } from '../subgraph';
import { smsRateFromEnv, smsSenderFromEnv } from './config';
import { OutboxDispatcher } from './dispatcher';

/**
 * Runs the outbox dispatcher inside a subgraph's process, sending through the configured SMS sender
 * (a JSON-lines file under SMS_DIR, default .data/sms, unless SMS_HTTP_URL is set).
 */
export const outboxService: BackgroundService = async (running) => {
  const sender = await smsSenderFromEnv(process.env.SMS_DIR ?? join(process.cwd(), '.data', 'sms', running.name));
  const dispatcher = new OutboxDispatcher(running.db, sender, { owner: `${running.name}-dispatcher`, messagesPerSecond: smsRateFromEnv() });
  dispatcher.start();
  return async () => {
    await dispatcher.stop();
    await sender.close();
  };
};
