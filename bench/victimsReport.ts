import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Step } from './victimsSteps';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function machine(): MachineInfo {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: os.totalmem() / 2 ** 30,
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

const MiB = 2 ** 20;

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Peak RSS (VmHWM) of this process's children, i.e. the embedded FerretDB; Linux only, null elsewhere. */
export function childrenPeakRss(): number | null {
  try {
    let peak = 0;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      let status: string;
      try {
        status = readFileSync(`/proc/${pid}/status`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      peak = Math.max(peak, Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024);
    }
    return peak;
  } catch {
    return null;
  }
}

export function renderReport(
  steps: readonly Step[],
  run: Record<string, string | number>,
  m: MachineInfo,
  databasePeak: number | null,
): string {
  const rows = steps.map(
    (s) =>
      `| ${s.name} | ${s.items.toLocaleString('en-US')} | ${seconds(s.ms)} | ${s.target ?? ''} | ${Math.round(s.peakRss / MiB)} MiB | ${s.note ?? ''} |`,
  );
  const peak = process.resourceUsage().maxRSS * 1024;
  return [
    '# Victims benchmark',
    '',
    `Run ${new Date().toISOString()} with \`npx tsx bench/victims.ts --participants ${run.participants} --reminders ${run.reminders}\`.`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB, ${m.platform}; Node ${m.node}. Database: ${run.database}.`,
    '',
    '| step | items | time | target | peak RSS (this process) | note |',
    '|---|---:|---:|---|---:|---|',
    ...rows,
    '',
    `Peak RSS of the benchmark process over the whole run: ${Math.round(peak / MiB)} MiB (process.resourceUsage().maxRSS; per step, sampled every 20 ms).`,
    databasePeak === null
      ? 'FerretDB runs as its own process, not included above.'
      : `Peak RSS of the embedded FerretDB process: ${Math.round(databasePeak / MiB)} MiB (VmHWM); 0 when MONGODB_URI points elsewhere.`,
    '',
  ].join('\n');
}

export function writeReport(path: string, report: string): void {
  writeFileSync(path, report);
}
