/** The durable notification outbox every subgraph shares; see README.md for the delivery guarantee. */
export * from './model';
export * from './enqueue';
export * from './dispatcher';
export * from './lease';
export * from './rateLimiter';
export * from './sender';
export * from './fileSender';
export * from './httpSender';
export * from './config';
export * from './jsonLines';
