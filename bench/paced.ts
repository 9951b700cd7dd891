import { Agent, request } from 'node:http';
import type autocannon from 'autocannon';
import type { LoadSettings, RunResult } from './load';
import { sampleProcesses, type Measured } from './proc';
import { percentile } from './stats';

/**
 * An open-loop load: one request every 1000/rate ms, whatever the answers, over a pool of at most
 * `connections` keep-alive connections. autocannon's overallRate hands each connection its share of a
 * second at the second's start, so fifty connections fire together and measure their own burst; here
 * arrivals are spread evenly and the latency is what one request meets at that rate.
 */
export async function runPaced(settings: LoadSettings & { overallRate: number }, processes: readonly Measured[]): Promise<RunResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: settings.connections });
  const url = new URL(settings.url);
  const latencies: number[] = [];
  const tally = { errors: 0, non2xx: 0, graphqlErrors: 0, firstError: undefined as string | undefined };
  const sampler = sampleProcesses(processes);
  const started = performance.now();
  const interval = 1000 / settings.overallRate;
  const total = Math.round(settings.duration * settings.overallRate);
  const pending: Promise<void>[] = [];
  let next = 0;
  for (let n = 0; n < total; n++) {
    const due = started + n * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const template = settings.requests[next++ % settings.requests.length] as autocannon.Request;
    pending.push(
      send(agent, url, prepare(template), settings.timeout * 1000, tally).then((ms) => void (ms !== null && latencies.push(ms))),
    );
  }
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const { rss, cpu } = sampler.stop();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    rps: sorted.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: tally.errors,
    non2xx: tally.non2xx,
    graphqlErrors: tally.graphqlErrors,
    responses: sorted.length,
    seconds,
    rss,
    cpu,
    firstError: tally.firstError,
  };
}

/** The request as autocannon would send it: setupRequest (the rotating inputs) applied to the template. */
function prepare(template: autocannon.Request): { method: string; headers: Record<string, string>; body: string } {
  const setup = (template as { setupRequest?: (request: autocannon.Request) => autocannon.Request }).setupRequest;
  const ready = setup ? setup({ ...template }) : template;
  return { method: ready.method ?? 'POST', headers: (ready.headers ?? {}) as Record<string, string>, body: String(ready.body ?? '') };
}

/** Sends one request; the latency in ms, or null when it failed (counted in the tally). */
function send(
  agent: Agent,
  url: URL,
  prepared: ReturnType<typeof prepare>,
  timeoutMs: number,
  tally: { errors: number; non2xx: number; graphqlErrors: number; firstError?: string },
): Promise<number | null> {
  const at = performance.now();
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: prepared.method,
        headers: { ...prepared.headers, 'content-length': Buffer.byteLength(prepared.body) },
        agent,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const ms = performance.now() - at;
          const body = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) >= 300) tally.non2xx += 1;
          else if (body.includes('"errors"')) {
            tally.graphqlErrors += 1;
            tally.firstError ??= body.slice(0, 300);
          }
          resolve(ms);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      tally.errors += 1;
      resolve(null);
    });
    req.end(prepared.body);
  });
}
