import { spawn } from 'node:child_process';
import path from 'node:path';

/**
 * A service started as it is deployed (its own main.ts) outside development mode, without keys, must
 * stop at once and say what is missing, whatever NODE_ENV says. Development keys once stood in whenever
 * NODE_ENV was not exactly `production` (issue 13).
 */
const repoRoot = path.resolve(__dirname, '..');

function run(entry: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // A service that started after all would listen for ever: the test's timeout would end it, failed.
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** The test process's environment less the development mode and any key, with NODE_ENV as given. */
function withoutDevelopmentMode(nodeEnv: string | undefined): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', GATEWAY_PORT: '0', FINANCE_PORT: '0', COURT_PORT: '0' };
  delete env.DEVELOPMENT_MODE;
  for (const name of Object.keys(env)) if (/_(PRIVATE|PUBLIC)_KEY(_FILE)?$|^JWT_JWKS|^ACCESS_LOG_KEY$/.test(name)) delete env[name];
  if (nodeEnv === undefined) delete env.NODE_ENV;
  else env.NODE_ENV = nodeEnv;
  return env;
}

describe.each([
  ['unset', undefined],
  ['Production', 'Production'],
  ['prod', 'prod'],
  ['staging', 'staging'],
])('outside development mode, with NODE_ENV %s', (_label, nodeEnv) => {
  it("the gateway refuses to start without the identity provider's keys, naming them", async () => {
    const { code, output } = await run('gateway/main.ts', withoutDevelopmentMode(nodeEnv));
    expect(code).toBe(1);
    expect(output).toContain(
      'gateway cannot start: JWT_JWKS_FILE or JWT_JWKS_URL must be set: development keys stand in only with DEVELOPMENT_MODE=true',
    );
    expect(output).not.toContain('gateway listening');
  });

  it('a register refuses to start without its keys, naming the first missing', async () => {
    const { code, output } = await run('subgraphs/finance/main.ts', withoutDevelopmentMode(nodeEnv));
    expect(code).toBe(1);
    expect(output).toMatch(
      /^subgraph finance cannot start: (LEGAL_BASIS_PUBLIC_KEY|GATEWAY_IDENTITY_PUBLIC_KEY|ACCESS_LOG_KEY)\b[^\n]* must be set: development keys? stands? in only with DEVELOPMENT_MODE=true/m,
    );
    expect(output).not.toContain('listening');
  });
});
