/**
 * The time every resolver stamps and compares against. A running server gives each request the
 * clock it was started with (startSubgraph's `clock` option, the system clock unless told otherwise),
 * and defineSubgraph puts it in the context as `clock`, whatever the agency's own context holds.
 * Tests start subgraphs with a clock they move, to see deadlines pass without waiting for them.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The part of a context the kit owns: every request carries its server's clock. */
export interface ClockScope {
  clock: Clock;
}

/** Now, by the request's clock: the one way a resolver reads the time. */
export function nowOf(ctx: ClockScope): Date {
  return ctx.clock();
}
