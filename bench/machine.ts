import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../scripts/processes';
import { embeddedBackend } from '../tools/embedded-mongo/launcher';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
}

export function describeMachine(): Machine {
  let pretty = `${os.type()} ${os.release()}`;
  try {
    const name = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (name) pretty = `${name[1]}, kernel ${os.release()}`;
  } catch {
    // not Linux, or no os-release: the kernel name and release will do
  }
  return { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memoryGiB: os.totalmem() / 2 ** 30, os: pretty };
}

/** Read from the installed package.json: some packages (Hive) do not export ./package.json to require. */
function installed(name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

function ferretDbVersion(): string {
  const goMod = readFileSync(path.join(repoRoot, 'tools', 'embedded-mongo', 'go.mod'), 'utf8');
  return /github\.com\/FerretDB\/FerretDB (v[\d.]+)/.exec(goMod)?.[1] ?? 'unknown';
}

export function versions(): Record<string, string> {
  return {
    node: process.version,
    '@apollo/gateway': installed('@apollo/gateway'),
    '@apollo/server': installed('@apollo/server'),
    '@graphql-hive/gateway-runtime': installed('@graphql-hive/gateway-runtime'),
    '@whatwg-node/promise-helpers (override)': installed('@whatwg-node/promise-helpers'),
    graphql: installed('graphql'),
    autocannon: installed('autocannon'),
    mongodb: installed('mongodb'),
    'FerretDB (embedded)': `${ferretDbVersion()} on ${embeddedBackend() === 'postgresql' ? 'PostgreSQL' : 'SQLite'}`,
  };
}
