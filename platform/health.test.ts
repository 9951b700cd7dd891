import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { healthRoutes, type HealthOptions } from './health';

async function serve(options: HealthOptions): Promise<{ server: Server; get(path: string): Promise<{ status: number; body: unknown }> }> {
  const route = healthRoutes(options);
  const server = createServer((req, res) => {
    void Promise.resolve(route(req, res)).then((answered) => {
      if (!answered) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    async get(path) {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: response.status, body: await response.json() };
    },
  };
}

describe('health routes', () => {
  it('is live and ready while its check passes', async () => {
    const { server, get } = await serve({ check: async () => 'pong', draining: () => false, about: { subgraph: 'court' } });
    try {
      expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok', subgraph: 'court' } });
      expect(await get('/health/ready')).toEqual({ status: 200, body: { status: 'ok', subgraph: 'court' } });
      expect((await get('/health')).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('is live but not ready when its database fails or does not answer, without the error text', async () => {
    let answer: () => Promise<unknown> = async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.7:27017');
    };
    const { server, get } = await serve({ check: () => answer(), draining: () => false });
    try {
      expect(await get('/health/ready')).toEqual({ status: 503, body: { status: 'unavailable', reason: 'Error' } });
      answer = () => new Promise(() => undefined); // a database that never answers
      expect(await get('/health/ready')).toEqual({ status: 503, body: { status: 'unavailable', reason: 'no answer within 2000 ms' } });
      expect((await get('/health/live')).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it('is not ready once draining, so no new work is routed to a stopping process', async () => {
    const { server, get } = await serve({ draining: () => true });
    try {
      expect(await get('/health/ready')).toEqual({ status: 503, body: { status: 'draining' } });
      expect((await get('/health/live')).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
