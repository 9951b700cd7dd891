import { join } from 'node:path';
import { subgraphConfig } from '../kit/config';
import { connectDatabase } from '../kit/mongo';
import { OutboxDispatcher, smsRateFromEnv, smsSenderFromEnv } from '../kit/outbox';
import { runSubgraph } from '../kit/server';
import victims from './index';
import { OUTBOX_PREFIX } from './model';
import { victimsOptionsFromEnv } from './options';

/** Serves the subgraph and, beside it, the one dispatcher of its SMS outbox. */
async function main(): Promise<void> {
  await runSubgraph(victims);
  const config = subgraphConfig(victims.name, victims.defaultPort);
  const { client, db } = await connectDatabase(config.mongoUri, config.dbName, 5);
  const sender = await smsSenderFromEnv(join(victimsOptionsFromEnv().dataDir, config.dbName));
  const dispatcher = new OutboxDispatcher(db, sender, { prefix: OUTBOX_PREFIX, messagesPerSecond: smsRateFromEnv(), owner: `victims:${config.dbName}` });
  dispatcher.start();
  const stop = () => void dispatcher.stop().then(() => Promise.all([sender.close(), client.close()]));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
