import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Memory and CPU of the measured processes, from /proc (Linux only). */

export interface Measured {
  name: string;
  pid: number;
}

/** Resident set size in MB (10^6 bytes, as the target is stated), or null once the process is gone. */
export function readRssMB(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? (Number(match[1]) * 1024) / 1e6 : null;
  } catch {
    return null;
  }
}

/** /proc/<pid>/stat's name is in parentheses and may hold spaces, so fields are counted from the last ')'. */
function statFields(pid: number | string): string[] {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return [stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ...stat.slice(stat.lastIndexOf(')') + 2).split(' ')];
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return ticksPerSecond;
}

/** Every live process's parent, from /proc: read once for all the processes measured at one moment. */
function parents(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      byPid.set(Number(entry), Number(statFields(entry)[2]));
    } catch {
      // the process ended while we looked
    }
  }
  return byPid;
}

/**
 * User plus system CPU seconds the process and everything it started have used so far (0 once it is
 * gone): its own, its waited-for children's (cutime, cstime), and its live descendants'. The embedded
 * database's PostgreSQL runs as children of the FerretDB process, one per connection.
 */
export function readCpuSeconds(pid: number, tree: ReadonlyMap<number, number> = parents()): number {
  const own = (id: number, withChildren: boolean): number => {
    try {
      const fields = statFields(id);
      // utime, stime, cutime, cstime are fields 14 to 17 of stat(5); fields[0] is the name (field 2).
      const ticks = Number(fields[12]) + Number(fields[13]) + (withChildren ? Number(fields[14]) + Number(fields[15]) : 0);
      return ticks / clockTicks();
    } catch {
      return 0;
    }
  };
  const below = (id: number): number =>
    [...tree].filter(([, parent]) => parent === id).reduce((sum, [child]) => sum + own(child, true) + below(child), 0);
  return own(pid, true) + below(pid);
}

/** CPU seconds the whole machine has spent busy (all cores, everything but idle and iowait), from /proc/stat. */
export function readMachineBusySeconds(): number {
  const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return (user + nice + system + irq + softirq + (steal || 0)) / clockTicks();
}

/** The launcher does not expose the FerretDB child's pid; the child is ours, so it is found by parent pid and name. */
export function findEmbeddedMongoPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = statFields(entry);
      if (Number(fields[2]) === process.pid && fields[0].startsWith('embedded-mongo')) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return undefined;
}

export interface ProcessSampler {
  /** Stops sampling: each process's peak RSS (MB) and the CPU seconds it used since the sampler started. */
  stop(): { rss: Map<string, number>; cpu: Map<string, number> };
}

/** The load generator runs in this process, so its CPU is reported as its own line. */
export const LOAD_GENERATOR = 'autocannon (bench process)';
/** Everything else the machine ran meanwhile: another user's tests would slow every figure. */
export const OUTSIDE = 'outside the bench';

export function sampleProcesses(processes: readonly Measured[], intervalMs = 200): ProcessSampler {
  const peaks = new Map<string, number>();
  const treeAtStart = parents();
  const cpuAtStart = new Map(processes.map(({ name, pid }) => [name, readCpuSeconds(pid, treeAtStart)]));
  const selfAtStart = process.cpuUsage();
  const machineAtStart = readMachineBusySeconds();
  const sample = () => {
    for (const { name, pid } of processes) {
      const rss = readRssMB(pid);
      if (rss !== null && rss > (peaks.get(name) ?? 0)) peaks.set(name, rss);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      const tree = parents();
      const cpu = new Map(processes.map(({ name, pid }) => [name, readCpuSeconds(pid, tree) - (cpuAtStart.get(name) ?? 0)]));
      const self = process.cpuUsage(selfAtStart);
      cpu.set(LOAD_GENERATOR, (self.user + self.system) / 1e6);
      const ours = [...cpu.values()].reduce((sum, seconds) => sum + seconds, 0);
      cpu.set(OUTSIDE, Math.max(0, readMachineBusySeconds() - machineAtStart - ours));
      return { rss: peaks, cpu };
    },
  };
}

/** Cores busy outside the measured processes and this one, over `ms`. */
export async function outsideLoad(processes: readonly Measured[], ms = 2000): Promise<number> {
  const sampler = sampleProcesses(processes, ms);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (sampler.stop().cpu.get(OUTSIDE) ?? 0) / (ms / 1000);
}

/**
 * Waits until the measured processes together use less than `threshold` of one core, or `maxMs` passes.
 * A gateway keeps working on the requests a finished run left in flight (autocannon only closes the
 * sockets), and that backlog would otherwise be charged to the next run. Returns the time waited, or
 * null when the processes never went quiet.
 */
export async function waitQuiet(
  processes: readonly Measured[],
  options: { threshold?: number; maxMs?: number } = {},
): Promise<number | null> {
  const threshold = options.threshold ?? 0.1;
  const maxMs = options.maxMs ?? 60_000;
  const started = Date.now();
  const total = () => {
    const tree = parents(); // one look at /proc for all the processes
    return processes.reduce((sum, { pid }) => sum + readCpuSeconds(pid, tree), 0);
  };
  let before = total();
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = total();
    if ((after - before) / 0.5 < threshold) return Date.now() - started;
    before = after;
  }
  return null;
}
