import { spawnSync } from 'node:child_process';
import path from 'node:path';

// Type errors and lint fail the run before any test starts; ts-jest only transpiles.
const root = path.resolve(__dirname, '..');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

function run(command: string, args: string[]): number {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

const tscStatus = run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
if (tscStatus !== 0) process.exit(tscStatus);
// Lint and format next (eslint.config.mjs, .prettierrc.json), also before any test: a few seconds.
const lintStatus = run(bin('eslint'), ['--max-warnings', '0', '.']);
if (lintStatus !== 0) process.exit(lintStatus);
const formatStatus = run(bin('prettier'), ['--check', '--log-level', 'warn', '.']);
if (formatStatus !== 0) process.exit(formatStatus);

// Nothing is printed after jest so that its summary stays the last line.
process.exit(run(bin('jest'), process.argv.slice(2)));
