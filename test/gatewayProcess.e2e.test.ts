import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { GATEWAY_HEAP_MB } from '../scripts/processes';
import { freePort } from './childSubgraph';
import { authorizationFor } from './identities';

/**
 * The gateway as `npm start` runs it: its own process, its main.ts, the same heap limit. Issue 13's request
 * (a list variable of 70,000 invalid categories) ran this process out of memory; no subgraph needs to run,
 * because variables are coerced before any agency is asked.
 */
const repoRoot = path.resolve(__dirname, '..');
let child: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}/graphql`;
  child = spawn(
    process.execPath,
    [`--max-old-space-size=${GATEWAY_HEAP_MB}`, '--import', 'tsx', path.join(repoRoot, 'gateway', 'main.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, HOST: '127.0.0.1', GATEWAY_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  for (const stream of [child.stdout, child.stderr])
    stream?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8192)));
  for (let tries = 0; ; tries += 1) {
    if (child.exitCode !== null) throw new Error(`the gateway exited: ${output}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (tries > 600) throw new Error(`the gateway did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 90_000);

afterAll(() => {
  child?.kill('SIGKILL');
});

const PANORAMA =
  'query Panorama($categories: [AssetCategory!]) { caseParty(caseNumber: "x", partyId: "y") { panorama(categories: $categories) { totalEstimatedValue } } }';

async function post(
  body: unknown,
): Promise<{ status: number; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as never };
}

async function stillAnswers(): Promise<void> {
  const next = await post({ query: '{ __typename }' });
  expect(next).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  expect(child.exitCode).toBeNull();
}

describe('the gateway process, with the heap npm start gives it', () => {
  it('refuses a list variable of 100,000 invalid values (400 KB) with a 400 naming the variable, and answers the next request', async () => {
    const refused = await post({ query: PANORAMA, variables: { categories: Array(100_000).fill('X') } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      {
        message: 'variables.categories holds 100000 elements, over the limit of 1000',
        extensions: { code: 'BAD_USER_INPUT', field: 'variables.categories', limit: 'listLength', max: 1000 },
      },
    ]);
    await stillAnswers();
  });

  it('refuses 100,000 values spread over many short lists, and answers the next request', async () => {
    const variables = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`list${i}`, Array(1000).fill('X')]));
    const refused = await post({ query: PANORAMA, variables: { ...variables, categories: [] } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'variableValues' });
    await stillAnswers();
  });

  it('refuses a variable nested 100,000 levels deep, and answers the next request', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await authorizationFor()) },
      body: `{"query":${JSON.stringify(PANORAMA)},"variables":{"categories":${deep}}}`,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      limit: 'variableDepth',
      max: 10,
    });
    await stillAnswers();
  });

  it('caps the errors of variables within the limits: a list of 1,000 invalid values is answered with a bounded report', async () => {
    const refused = await post({ query: PANORAMA, variables: { categories: Array(1000).fill('NOT_A_CATEGORY') } });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.length).toBeLessThanOrEqual(21);
    expect(refused.body.errors?.at(-1)?.message).toMatch(/more errors? not shown/);
    await stillAnswers();
  });
});
