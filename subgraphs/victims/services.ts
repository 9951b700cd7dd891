import { join } from 'node:path';
import type { Db } from 'mongodb';
import { Outbox } from '../kit/outbox';
import { OUTBOX_PREFIX } from './model';
import type { VictimsOptions } from './options';
import { FilePaymentChannel, type PaymentChannel } from './paymentChannel';

/** Builds the payment channel of one database; the file channel unless a deployment or a test brings its own. */
export type ChannelFactory = (db: Db, options: VictimsOptions) => Promise<PaymentChannel>;

export const fileChannel: ChannelFactory = (db, options) =>
  FilePaymentChannel.open(join(options.dataDir, db.databaseName, 'payments.jsonl'));

/** What outlives a request: the outbox and the payment channel (which keeps its set of paid orders in memory). */
export interface VictimsServices {
  outbox: Outbox;
  channel(): Promise<PaymentChannel>;
}

const cache = new WeakMap<Db, VictimsServices>();

export function servicesFor(db: Db, options: VictimsOptions, channelFactory: ChannelFactory = fileChannel): VictimsServices {
  let services = cache.get(db);
  if (!services) {
    let channel: Promise<PaymentChannel> | undefined;
    services = {
      outbox: new Outbox(db, { prefix: OUTBOX_PREFIX }),
      channel: () => (channel ??= channelFactory(db, options)),
    };
    cache.set(db, services);
  }
  return services;
}
