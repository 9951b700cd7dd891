import { Agent, request } from 'node:http';
import type { CommandStartedEvent } from 'mongodb';
import { developmentToken } from '../gateway/auth/devTokens';
import { checkCitizenId, checkPlate, checkUscc, parseCaseNumber } from '../domain/identifiers';
import { authorizationFor, startHarness, writeCommands, type Harness } from './harness';
import { CATEGORIES, fuzzRequests, type Actor, type Category, type FuzzRequest } from './fuzz/requests';
import { POISON, provincePools } from './fuzz/values';

/**
 * Issue #7: a few thousand random and malformed requests through the gateway, generated from fixed seeds
 * (the same requests every run; FUZZ_SEED=n tries others), loopback only. Nothing may crash, no 5xx may
 * answer a client's request and none without a GraphQL error body, no error may go without a code, no
 * body may show a stack frame, an internal address or a database error, and nothing may be written:
 * mutations go only as roles no mutation allows, or with poisoned arguments (fuzz/values.ts).
 */
const PROVINCE = { seed: 11, cases: 100 };
const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 7);
const COUNTS: Record<Category, number> = { http: 600, syntax: 700, schema: 1300, variables: 700 };
const CONCURRENCY = 8;
/** Longer than any answer should take, shorter than the gateway's 30 s agency timeout: a request this slow is a hang. */
const REQUEST_TIMEOUT_MS = 20_000;

const pools = provincePools(PROVINCE.seed, PROVINCE.cases);
const requests = fuzzRequests(FUZZ_SEED, pools, COUNTS);

interface Outcome {
  request: FuzzRequest;
  status: number;
  text: string;
  body: unknown;
}

/** What a response shows that it must not: frames of a stack, where the agencies listen, the database's own errors. */
const LEAKS: [string, RegExp][] = [
  ['a stack frame', /\bat (?:async )?[^\s()]*\s*\(?(?:\/|file:|node:)[^\s)]*:\d+:\d+/],
  ['a source path', /(?:node_modules|\/work\/|\/src\/)[\w./-]*\.(?:ts|js)\b/],
  ['an internal address', /(?:127\.0\.0\.1|localhost|\[::1\]):\d+/],
  ['a database error', /\bMongo[A-Z]\w*|\bE11000\b|\bBSON\w*Error\b/],
];

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const errorsOf = (body: unknown): unknown => (isObject(body) ? body.errors : undefined);
const hasCode = (error: unknown) =>
  isObject(error) &&
  typeof error.message === 'string' &&
  error.message !== '' &&
  isObject(error.extensions) &&
  typeof error.extensions.code === 'string';
const codesOf = (body: unknown): string[] => {
  const errors = errorsOf(body);
  return Array.isArray(errors) ? errors.map((e) => (isObject(e) && isObject(e.extensions) ? String(e.extensions.code) : '')) : [];
};

/** What is wrong with one answer, if anything. */
function problemsOf({ status, text, body }: Outcome): string[] {
  if (status === 0) return [`no answer (${text})`];
  const problems: string[] = [];
  const errors = errorsOf(body);
  if (status >= 500 && !(Array.isArray(errors) && errors.length > 0)) problems.push(`${status} without a GraphQL error body`);
  // Stricter than the issue asks: every request here is a client's, and every agency is up.
  else if (status >= 500) problems.push(`${status} for a client's request`);
  if (errors !== undefined && !(Array.isArray(errors) && errors.length > 0 && errors.every(hasCode)))
    problems.push('an error without a message or extensions.code');
  for (const [what, pattern] of LEAKS) if (pattern.test(text)) problems.push(`shows ${what}: ${pattern.exec(text)?.[0]}`);
  return problems;
}

const excerpt = (value: unknown, length = 160) => {
  const text = typeof value === 'string' ? value : value instanceof Uint8Array ? `<${value.length} bytes>` : String(value);
  return text.length > length ? `${text.slice(0, length)}…(${text.length})` : text;
};

let h: Harness;
const outcomes: Outcome[] = [];
let commands = new Map<string, CommandStartedEvent[]>();
let elapsedMs = 0;

async function authorization(actor: Actor): Promise<Record<string, string>> {
  if (actor.header !== undefined) return { authorization: actor.header };
  if (!actor.identity) return {};
  if (actor.spoilt === 'expired')
    return { authorization: `Bearer ${await developmentToken(actor.identity, { lifetime: Math.floor(Date.now() / 1000) - 60 })}` };
  const token = await developmentToken(actor.identity, { lifetime: '1h' });
  return { authorization: `Bearer ${actor.spoilt === 'tampered' ? token.replace(/\.[^.]+$/, '.AAAA') : token}` };
}

async function send(request: FuzzRequest, auth: Record<string, string>): Promise<Outcome> {
  try {
    const response = await fetch(new URL(request.path, h.gateway.url), {
      method: request.method,
      headers: { ...request.headers, ...auth },
      body: request.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { request, status: response.status, text, body: parseJson(text) };
  } catch (error) {
    // Node's own errors come from another realm than jest's sandbox, so no instanceof here.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { request, status: 0, text: `${String(error)}: ${cause?.code ?? ''} ${cause?.message ?? ''}`, body: undefined };
  }
}

beforeAll(async () => {
  h = await startHarness({ name: 'fuzz', seed: PROVINCE, background: false });
  const headers = new Map<string, Record<string, string>>();
  for (const { actor } of requests) if (!headers.has(actor.label)) headers.set(actor.label, await authorization(actor));
  const started = performance.now();
  commands = await h.recordCommands(async () => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < requests.length; i = next++) {
          const request = requests[i] as FuzzRequest;
          outcomes.push(await send(request, headers.get(request.actor.label) ?? {}));
        }
      }),
    );
  });
  elapsedMs = performance.now() - started;
}, 240_000);
afterAll(() => h?.stop());

describe('a fuzzed gateway', () => {
  it('poisons mutations with strings no identifier validator accepts', () => {
    const accepted = POISON.filter(
      (s) =>
        /\d/.test(s) ||
        typeof parseCaseNumber(s) !== 'string' ||
        checkCitizenId(s) === null ||
        checkUscc(s) === null ||
        checkPlate(s) === null,
    );
    expect(accepted).toEqual([]);
  });

  it.each(CATEGORIES.map((category) => [category, COUNTS[category]] as const))(
    '%s: answers each of %d requests without a crash, a 5xx, a code-less error or a leak',
    (category) => {
      const mine = outcomes.filter((o) => o.request.category === category).sort((a, b) => a.request.id - b.request.id);
      const statuses: Record<number, number> = {};
      for (const { status } of mine) statuses[status] = (statuses[status] ?? 0) + 1;
      const failures = mine.flatMap((o) =>
        problemsOf(o).map(
          (problem) =>
            `#${o.request.id} as ${o.request.actor.label}, ${o.request.method} ${excerpt(o.request.path, 60)} → ${o.status}: ${problem}; sent ${excerpt(o.request.body)}; got ${excerpt(o.text)}`,
        ),
      );
      // The summary rides along so that a failure shows the whole category's picture.
      expect({ category, sent: mine.length, statuses, failures }).toEqual({
        category,
        sent: COUNTS[category],
        statuses: expect.any(Object),
        failures: [],
      });
    },
  );

  it('reaches real resolvers: queries answer data, mutations are refused by the agencies themselves', () => {
    const answered = outcomes.filter((o) => o.request.kind === 'query' && o.status === 200 && errorsOf(o.body) === undefined);
    // Refused in a resolver, past the gateway's validation and the role check: the poison did the refusing.
    const refusedInResolver = outcomes.filter(
      (o) => o.request.kind === 'mutation' && codesOf(o.body).some((code) => ['BAD_USER_INPUT', 'NOT_FOUND'].includes(code)),
    );
    expect({ answered: answered.length > 50, refusedInResolver: refusedInResolver.length > 20 }).toEqual({
      answered: true,
      refusedInResolver: true,
    });
  });

  it('wrote nothing to any agency’s database', () => {
    const written = [...commands].flatMap(([subgraph, events]) =>
      writeCommands([events]).map((e) => `${subgraph}: ${e.commandName} ${JSON.stringify(e.command).slice(0, 300)}`),
    );
    expect(written).toEqual([]);
  });

  it('still answers /health and a known good query, within the time bound', async () => {
    expect((await fetch(new URL('/health', h.gateway.url))).status).toBe(200);
    for (const running of h.subgraphs.values()) expect((await fetch(new URL('/health', running.url))).status).toBe(200);
    expect(await h.query('{ courts { code } }')).toEqual({ data: { courts: expect.arrayContaining([{ code: '浙0102' }]) } });
    expect(elapsedMs).toBeLessThan(90_000);
  });
});

interface Answer {
  status: number | string;
  connection?: string;
}

/** Posts each body in turn over one kept-alive connection, as browsers and HTTP clients reuse them. */
async function onOneConnection(bodies: string[]): Promise<Answer[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const headers = { 'content-type': 'application/json', ...(await authorizationFor()) };
  try {
    const answers: Answer[] = [];
    for (const body of bodies) {
      answers.push(
        await new Promise<Answer>((resolve) => {
          const req = request(h.gateway.url, { method: 'POST', agent, headers, timeout: 10_000 }, (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
          });
          req.on('timeout', () => req.destroy(new Error('timed out')));
          req.on('error', (error) => resolve({ status: error.message }));
          req.end(body);
        }),
      );
    }
    return answers;
  } finally {
    agent.destroy();
  }
}

describe('what the fuzz found, pinned', () => {
  const post = async (body: unknown) =>
    (
      await fetch(h.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
        body: JSON.stringify(body),
      })
    ).json() as Promise<unknown>;

  /*
   * The server stops reading a body over the limit, so the connection cannot carry another request: it
   * must say so (Connection: close). Offered for reuse, it left the client's next request unanswered
   * until the socket was reset, about 5 s later; whether a client reuses it depends on timing.
   */
  it('closes a connection whose body it refused as too large, and answers the next request on another', async () => {
    const courts = JSON.stringify({ query: '{ courts { code } }' });
    const [refused, next] = await onOneConnection([JSON.stringify({ query: `${' '.repeat(1_100_000)}{ courts { code } }` }), courts]);
    expect({ refused, next: next?.status }).toEqual({ refused: { status: 413, connection: 'close' }, next: 200 });
  });

  it('refuses a custom scalar out of range in the variables as the client’s mistake, without the agency’s address', async () => {
    const body = await post({
      query: 'mutation($v: Cents!) { resolveObjection(objectionId: "none", allowedClaim: $v, basis: "none") { id } }',
      variables: { v: 1e21 },
    });
    expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|response/);
  });

  it('refuses a date that does not exist', async () => {
    const body = await post({
      query: 'query($f: CaseFilter) { casesOfCourt(courtCode: "浙0102", filter: $f) { totalCount } }',
      variables: { f: { filedFrom: '2026-02-30' } },
    });
    expect(codesOf(body)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['an operationName naming no operation', { query: '{ courts { code } }', operationName: 'Nope' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['an empty operationName', { query: '{ courts { code } }', operationName: '' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['two operations and no name', { query: 'query A { courts { code } } query B { courts { name } }' }, 'OPERATION_RESOLUTION_FAILURE'],
    ['a subscription', { query: 'subscription { courts { code } }' }, 'BAD_REQUEST'],
  ])('refuses %s with 400, not a 500', async (_, body, code) => {
    const response = await fetch(h.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
      body: JSON.stringify(body),
    });
    expect({ status: response.status, codes: codesOf(await response.json()) }).toEqual({ status: 400, codes: [code] });
  });
});
