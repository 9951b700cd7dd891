import type autocannon from 'autocannon';
import type { HeadersFor, Operation, Target } from './operations';

export interface SanityCheck {
  operation: string;
  target: Target;
  status: number;
  bytes: number;
  error?: string;
  /** Whether the data equals our gateway's answer to the same request; undefined for our gateway itself and for writes. */
  sameAsGateway?: boolean;
}

interface GraphQLBody {
  data?: unknown;
  errors?: { message: string }[];
}

export type Auth = (target: Target) => Promise<HeadersFor>;

async function send(
  url: string,
  request: { headers: Record<string, string>; body: string },
): Promise<{ status: number; text: string; parsed: GraphQLBody }> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  let parsed: GraphQLBody = {};
  try {
    parsed = JSON.parse(text) as GraphQLBody;
  } catch {
    // reported through the status and the missing data
  }
  return { status: response.status, text, parsed };
}

/** The next request autocannon would send, through the request's own generator when it has one (with the connection's context). */
export function nextRequest(request: autocannon.Request, context: object = {}): { headers: Record<string, string>; body: string } {
  const setup = request.setupRequest;
  const made = typeof setup === 'function' ? setup(request, context) : request;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(made.headers ?? {})) if (typeof value === 'string') headers[name] = value;
  return { headers, body: String(made.body) };
}

/** The time each agency answered differs between any two requests; everything else must match. */
function comparable(data: unknown): string {
  return JSON.stringify(data ?? null, (key, value: unknown) => (key === 'answeredAt' ? undefined : value));
}

/**
 * One request of each read operation to each target before any load, so that a throughput figure is
 * never reported for a target that answers with errors, and the peer is seen to give the same data.
 */
export async function checkOperations(ops: readonly Operation[], urls: Record<Target, string>, auth: Auth): Promise<SanityCheck[]> {
  const checks: SanityCheck[] = [];
  for (const op of ops) {
    if (op.key === 'mixed') continue; // its reads are the operations above; its seal is checked by checkSeal
    let reference: string | undefined;
    for (const target of op.targets) {
      // A fresh list per target: its counters start at the same input, so every target gets the same question.
      const answer = await send(urls[target], nextRequest(op.requests(await auth(target))[0]));
      const data = comparable(answer.parsed.data);
      if (target === 'gateway') reference = data;
      checks.push({
        operation: op.key,
        target,
        status: answer.status,
        bytes: answer.text.length,
        error: answer.parsed.errors?.[0]?.message,
        sameAsGateway: target === 'gateway' ? undefined : data === reference,
      });
    }
  }
  return checks;
}

/**
 * One seal through each gateway, with a body the mixed workload's own generator made: after the request
 * before it (the lookup of its case that takes the court's notice), on one context as on one connection.
 */
export async function checkSeal(mixed: Operation, urls: Record<Target, string>, auth: Auth): Promise<SanityCheck[]> {
  const checks: SanityCheck[] = [];
  for (const target of mixed.targets) {
    const requests = mixed.requests(await auth(target));
    const at = requests.findIndex((r) => r.body?.includes('requestRealEstateControl'));
    if (at < 0) throw new Error('the mixed workload has no seal request');
    const context = {};
    const before = requests[at - 1];
    if (before && typeof before.onResponse === 'function') {
      const noticed = await send(urls[target], nextRequest(before, context));
      before.onResponse(noticed.status, noticed.text, context, {});
    }
    const answer = await send(urls[target], nextRequest(requests[at], context));
    checks.push({ operation: 'seal', target, status: answer.status, bytes: answer.text.length, error: answer.parsed.errors?.[0]?.message });
  }
  return checks;
}
