import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { gatewayConfig } from './config';
import { serveGraphQL, type Listening } from '../platform/http';
import { authorizationFor } from '../test/identities';
import { createGateway } from './createGateway';

const typeDefs = parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { slow(ms: Int!): String! }`);
const resolvers = {
  Query: {
    slow: async (_: unknown, args: { ms: number }) =>
      new Promise<string>((resolve) => setTimeout(() => resolve(`after ${args.ms} ms`), args.ms)),
  },
};

let subgraph: { apollo: ApolloServer; http: Listening };

beforeAll(async () => {
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs, resolvers }),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  subgraph = { apollo, http: await serveGraphQL(apollo, 0, '127.0.0.1', { context: async () => ({}) }) };
});

afterAll(async () => {
  await subgraph.http.close();
  await subgraph.apollo.stop();
});

test('a stopping gateway finishes the request in flight, then takes no more', async () => {
  const composed = composeServices([{ name: 'slow', typeDefs, url: subgraph.http.url }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const gateway = await createGateway({ supergraphSdl: composed.supergraphSdl, config: gatewayConfig({ DEVELOPMENT_MODE: 'true' }) }).start(
    0,
    '127.0.0.1',
  );
  const health = new URL('/health/ready', gateway.url);
  expect((await fetch(health)).status).toBe(200);
  expect((await fetch(new URL('/health/live', gateway.url))).status).toBe(200);

  const inFlight = fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
    body: JSON.stringify({ query: '{ slow(ms: 800) }' }),
  });
  await new Promise((resolve) => setTimeout(resolve, 200)); // the request has reached the subgraph
  const stopped = gateway.stop();

  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { slow: 'after 800 ms' } });
  await stopped;
  await expect(fetch(health)).rejects.toThrow();
});
