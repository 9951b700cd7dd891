import { startService, type Service } from './processes';

/** How a supervisor waits before each restart: doubling from `initialMs` to `maxMs`, reset after `stableMs` up. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** A process that stayed up this long counts as recovered: its next crash waits `initialMs` again. */
  stableMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 1000, maxMs: 30_000, stableMs: 60_000 };

export interface SupervisedService extends Service {
  /** How many times the supervisor has started the process again. */
  readonly restarts: number;
}

export interface SuperviseOptions {
  /** True once the whole system is stopping: an exit then is expected and nothing is restarted. */
  stopping(): boolean;
  backoff?: Backoff;
  /** Where restarts are reported; the console's error stream by default. */
  report?: (line: string) => void;
}

/**
 * Starts a service and starts it again whenever it dies, after a growing pause, so one crashed agency
 * (or the gateway) does not stop the rest as `npm start` once did (issue 13). `child` is always the
 * current process, so stopServices stops whichever one runs. In production a supervisor of the
 * deployment's own (systemd, Kubernetes) does the same with the services' /health and /health/ready.
 */
export function superviseService(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  nodeFlags: readonly string[],
  options: SuperviseOptions,
): SupervisedService {
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const report = options.report ?? ((line: string) => console.error(line));
  let delayMs = backoff.initialMs;
  let restarts = 0;
  const supervised = {
    name,
    child: startService(name, entry, env, nodeFlags).child,
    get restarts() {
      return restarts;
    },
  };
  const watch = () => {
    const startedAt = Date.now();
    supervised.child.once('exit', (code, signal) => {
      if (options.stopping()) return;
      if (Date.now() - startedAt >= backoff.stableMs) delayMs = backoff.initialMs;
      const wait = delayMs;
      delayMs = Math.min(delayMs * 2, backoff.maxMs);
      report(
        `[supervisor] ${name} stopped (${signal ?? `exit code ${code}`}); starting it again in ${wait / 1000} s (restart ${restarts + 1})`,
      );
      setTimeout(() => {
        if (options.stopping()) return;
        restarts += 1;
        supervised.child = startService(name, entry, env, nodeFlags).child;
        watch();
      }, wait).unref();
    });
  };
  watch();
  return supervised;
}
