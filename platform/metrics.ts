import { Registry } from 'prom-client';
import { type Route } from './http';

/**
 * Prometheus exposition of a process's registry at GET /metrics, for operators and the growth benchmark
 * (commands per request). Each running service has its own registry, so the subgraphs a test starts in one
 * process count apart.
 */
export function metricsRoute(registry: Registry): Route {
  return async (req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://localhost').pathname !== '/metrics') return false;
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
    return true;
  };
}

export { Registry };
