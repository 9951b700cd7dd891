import type { HeadersFor } from '../operations';
import type { Endpoint } from '../stack';
import { percentile } from '../stats';
import { commandsSent, sent } from './commands';
import type { Request, SequentialOperation } from './sequential';

export interface OperationFigures {
  key: SequentialOperation['key'];
  title: string;
  inputs: string;
  /** Through our gateway, each request alone, in ms. */
  gateway: Latency;
  /** The same requests through the Hive peer, each sent right after ours. */
  peer: Latency | null;
  /** Database commands per request, all subgraphs together, with the subgraphs' idle polling taken out. */
  commands: number;
  /** The same by subgraph, for the subgraphs that sent any. */
  commandsBySubgraph: Map<string, number>;
}

export interface Latency {
  p50: number;
  p95: number;
  samples: number;
}

function latency(times: readonly number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), samples: sorted.length };
}

/** Sends one request and fails the benchmark on any error: figures of failed requests measure nothing. */
async function timed(url: string, request: Request, what: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200 || body.includes('"errors"')) throw new Error(`${what}: HTTP ${response.status} ${body.slice(0, 400)}`);
  return ms;
}

export interface Targets {
  gateway: { url: string; headers: HeadersFor };
  peer: { url: string; headers: HeadersFor };
  subgraphs: readonly Endpoint[];
  /** Commands per second each subgraph sends with nothing to do (commands.ts idleRate). */
  idle: ReadonlyMap<string, number>;
}

/**
 * `warmup` unmeasured requests, then `samples` one at a time: ours, then the same to the peer. The
 * subgraphs' command counters are read just before and just after each of ours; what they send on their
 * own meanwhile (idle rate × the time between the readings) is taken out.
 */
export async function measureOperation(
  op: SequentialOperation,
  targets: Targets,
  samples: number,
  warmup: number,
): Promise<OperationFigures> {
  const ours: number[] = [];
  const theirs: number[] = [];
  const commands = new Map<string, number>();
  for (let i = 0; i < warmup + samples; i++) {
    const request = await op.prepare(i, targets.gateway.headers, targets.gateway.url);
    const before = await commandsSent(targets.subgraphs);
    const readAt = performance.now();
    const ms = await timed(targets.gateway.url, request, `${op.key} #${i} through the gateway`);
    const during = sent(before, await commandsSent(targets.subgraphs));
    const seconds = (performance.now() - readAt) / 1000;
    if (op.peer) {
      const same = await op.prepare(i, targets.peer.headers, targets.peer.url);
      const peerMs = await timed(targets.peer.url, same, `${op.key} #${i} through the peer`);
      if (i >= warmup) theirs.push(peerMs);
    }
    if (i < warmup) continue;
    ours.push(ms);
    for (const [name, count] of during) commands.set(name, (commands.get(name) ?? 0) + count - (targets.idle.get(name) ?? 0) * seconds);
  }
  const perRequest = new Map(
    [...commands].map(([name, total]) => [name, Math.max(0, total / samples)] as const).filter(([, n]) => n >= 0.05),
  );
  return {
    key: op.key,
    title: op.title,
    inputs: op.inputs,
    gateway: latency(ours),
    peer: op.peer ? latency(theirs) : null,
    commands: [...perRequest.values()].reduce((sum, n) => sum + n, 0),
    commandsBySubgraph: perRequest,
  };
}
