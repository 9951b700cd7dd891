import { sendJson, type Route } from './http';

/** How long a readiness probe waits for its check: a database that does not answer is not ready. */
const READY_CHECK_MS = 2_000;

export interface HealthOptions {
  /** What must answer for this process to take traffic (the subgraph's database); none for the gateway. */
  check?: () => Promise<unknown>;
  /** Set once shutdown begins: the process finishes its requests but should be sent no more. */
  draining: () => boolean;
  /** Added to every answer, e.g. which subgraph this is. */
  about?: Record<string, unknown>;
}

/**
 * Liveness and readiness, for an orchestrator: /health/live says the process runs (restart it when not),
 * /health/ready says it can serve now (route no traffic to it when not); /health is readiness, as before.
 * A gateway is ready while subgraphs are down: it answers with the others' data and names the missing one.
 */
export function healthRoutes(options: HealthOptions): Route {
  return async (req, res) => {
    if (req.method !== 'GET') return false;
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (pathname === '/health/live') {
      sendJson(res, 200, { status: 'ok', ...options.about });
      return true;
    }
    if (pathname !== '/health' && pathname !== '/health/ready') return false;
    if (options.draining()) {
      sendJson(res, 503, { status: 'draining', ...options.about });
      return true;
    }
    const failure = options.check ? await withinBound(options.check()) : null;
    if (failure) sendJson(res, 503, { status: 'unavailable', reason: failure, ...options.about });
    else sendJson(res, 200, { status: 'ok', ...options.about });
    return true;
  };
}

/** Null when the check passed in time, otherwise why not (without the error's text, which may hold addresses). */
async function withinBound(check: Promise<unknown>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${READY_CHECK_MS} ms`), READY_CHECK_MS);
  });
  try {
    return await Promise.race([
      check.then(
        () => null,
        (error: unknown) => (error instanceof Error ? error.name : 'check failed'),
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
