/**
 * The time every resolver stamps and compares against. A running server gives each request the
 * clock it was started with (startSubgraph's `clock` option, the system clock unless told otherwise),
 * and defineSubgraph puts it in the context as `clock`, whatever the agency's own context holds.
 * Tests start subgraphs with a clock they move, to see deadlines pass without waiting for them.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The part of a context the kit owns. Optional only for contexts built by hand outside a server. */
export interface ClockScope {
  clock?: Clock;
}

/** Now, by the request's clock, or by `fallback` for a context that carries none. */
export function nowOf(ctx: ClockScope, fallback: Clock = systemClock): Date {
  return (ctx.clock ?? fallback)();
}
