import type { IncomingMessage, ServerResponse } from 'node:http';

/*
 * The slice of @graphql-hive/gateway-runtime the bench's peer and its test use, declared here: importing its types would pull in
 * @whatwg-node/fetch's `/// <reference lib="dom" />`, whose DOM fetch types then break the type check
 * of the gateway's own (Node) fetch calls everywhere in the project.
 */
export interface HiveGatewayRuntime {
  (req: IncomingMessage, res: ServerResponse): void;
  dispose(): void | Promise<void>;
}
interface HiveGatewayRuntimeModule {
  createGatewayRuntime(config: {
    supergraph: string;
    graphiql: boolean;
    landingPage: boolean;
    logging: 'debug' | 'info' | 'warn' | 'error';
    /** Called for every subgraph request; the server context carries node's request as `req`. */
    propagateHeaders?: {
      fromClientToSubgraphs(payload: {
        context: { req?: IncomingMessage };
        subgraphName: string;
      }): Promise<Record<string, string> | undefined>;
    };
  }): HiveGatewayRuntime;
}
// Required rather than imported, for the reason above; the only require() in the TypeScript.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { createGatewayRuntime } = require('@graphql-hive/gateway-runtime') as HiveGatewayRuntimeModule;
