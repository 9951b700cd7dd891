import autocannon from 'autocannon';
import { sampleProcesses, type Measured } from './proc';
import { percentile } from './stats';

export interface LoadSettings {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: autocannon.Request[];
}

export interface RunResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts, as autocannon counts them. */
  errors: number;
  non2xx: number;
  /** 2xx responses whose body carries GraphQL `errors`: a federated query can fail with status 200. */
  graphqlErrors: number;
  responses: number;
  /** How long the run actually lasted, in seconds. */
  seconds: number;
  /** Peak RSS (MB) of each measured process during the run. */
  rss: Map<string, number>;
  /** CPU seconds each process used during the run; with two cores shared by all of them, where the time goes. */
  cpu: Map<string, number>;
  /** One GraphQL error body, to say in the report what failed. */
  firstError?: string;
}

/*
 * @types/autocannon 7 types the 'response' event without the client argument autocannon 9 passes
 * first; this is the signature autocannon 9 actually emits.
 */
type ResponseListener = (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void;
interface ResponseEvents {
  on(event: 'response', listener: ResponseListener): void;
}

/** autocannon's percentiles stop at 90 and 97.5, so latencies are kept here to give p95 exactly. */
export function runLoad(settings: LoadSettings, processes: readonly Measured[]): Promise<RunResult> {
  let graphqlErrors = 0;
  let firstError: string | undefined;
  const latencies: number[] = [];
  const sampler = sampleProcesses(processes);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: settings.url,
        connections: settings.connections,
        duration: settings.duration,
        timeout: settings.timeout,
        requests: settings.requests,
        verifyBody: (body) => {
          const failed = typeof body === 'string' && body.includes('"errors"');
          if (failed) {
            graphqlErrors += 1;
            firstError ??= String(body).slice(0, 300);
          }
          return !failed;
        },
      },
      (error: unknown, result: autocannon.Result) => {
        const { rss, cpu } = sampler.stop();
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const sorted = latencies.sort((a, b) => a - b);
        resolve({
          rps: result.requests.total / result.duration,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          p99: percentile(sorted, 99),
          errors: result.errors,
          non2xx: result.non2xx,
          graphqlErrors,
          responses: sorted.length,
          seconds: result.duration,
          rss,
          cpu,
          firstError,
        });
      },
    );
    (instance as unknown as ResponseEvents).on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
}
