/**
 * Runs a dispatcher in its own process for crash.test.ts, which kills it.
 * CRASH_AT_CHUNK=n kills this process with SIGKILL right after the sender accepted the n-th chunk and
 * before that chunk is marked sent: the exact window a crash must not turn into a lost or doubled SMS.
 */
import { MongoClient } from 'mongodb';
import { OutboxDispatcher } from './dispatcher';
import { FileSmsSender } from './fileSender';

async function main(): Promise<void> {
  const { MONGODB_URI, OUTBOX_DB, SMS_FILE, CRASH_AT_CHUNK, RATE } = process.env;
  if (!MONGODB_URI || !OUTBOX_DB || !SMS_FILE) throw new Error('MONGODB_URI, OUTBOX_DB and SMS_FILE are required');
  const client = await MongoClient.connect(MONGODB_URI, { maxPoolSize: 5 });
  const sender = await FileSmsSender.open(SMS_FILE);
  let chunks = 0;
  const dispatcher = new OutboxDispatcher(client.db(OUTBOX_DB), sender, {
    owner: 'crash-child',
    chunkSize: 10,
    messagesPerSecond: Number(RATE ?? 1000),
    afterSend: () => {
      chunks += 1;
      process.stdout.write(`chunk ${chunks}\n`);
      if (CRASH_AT_CHUNK && chunks === Number(CRASH_AT_CHUNK)) process.kill(process.pid, 'SIGKILL');
    },
  });
  const result = await dispatcher.drain();
  await dispatcher.stop();
  await sender.close();
  await client.close();
  process.stdout.write(`done ${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
