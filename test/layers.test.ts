import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The layers of ../shared/architecture.md, lowest first. A file may import from its own layer and from
 * those below it, never from one above: the vocabulary knows no service, the platform knows no subgraph,
 * the gateway knows no subgraph, and no product code knows the seed, the tests or the benchmarks.
 */
const root = resolve(__dirname, '..');
const isTop = (path: string) => path === 'subgraphs/registry.ts' || /^subgraphs\/[a-z]+\/main\.ts$/.test(path);
const LAYERS: { name: string; owns: (path: string) => boolean; mayImport: string[] }[] = [
  { name: 'domain', owns: (p) => p.startsWith('domain/'), mayImport: [] },
  { name: 'platform', owns: (p) => p.startsWith('platform/'), mayImport: ['domain'] },
  { name: 'gateway', owns: (p) => p.startsWith('gateway/'), mayImport: ['domain', 'platform'] },
  { name: 'kit', owns: (p) => p.startsWith('subgraphs/kit/') && !p.startsWith('subgraphs/kit/register/'), mayImport: ['domain', 'platform'] },
  { name: 'register', owns: (p) => p.startsWith('subgraphs/kit/register/'), mayImport: ['domain', 'platform', 'kit'] },
  { name: 'agency', owns: (p) => p.startsWith('subgraphs/') && !p.startsWith('subgraphs/kit/') && !isTop(p), mayImport: ['domain', 'platform', 'kit', 'register', 'agency'] },
  // The registry, and each subgraph's main.ts, the process entry that takes its subgraph from it.
  { name: 'registry', owns: isTop, mayImport: ['domain', 'platform', 'kit', 'register', 'agency'] },
];

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(join(root, path), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specifiers.map((spec) => relative(root, resolve(dirname(join(root, path)), spec)));
}

const layerOf = (path: string) => LAYERS.find((layer) => layer.owns(path))?.name ?? 'outside';
const product = ['domain', 'platform', 'gateway', 'subgraphs'].flatMap(sources);

describe('the layers', () => {
  it.each(LAYERS.map((layer) => [layer.name, layer] as const))('%s imports only from its own layer and those below it', (_, layer) => {
    const wrong = product
      .filter(layer.owns)
      .flatMap((file) => importsOf(file).map((target) => ({ file, target, of: layerOf(`${target}.ts`) === 'outside' ? layerOf(`${target}/index.ts`) : layerOf(`${target}.ts`) })))
      .filter(({ of }) => of !== layer.name && !layer.mayImport.includes(of))
      .map(({ file, target, of }) => `${file} → ${target} (${of})`);
    expect(wrong).toEqual([]);
  });
});
