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
  {
    name: 'kit',
    owns: (p) => p.startsWith('subgraphs/kit/') && !p.startsWith('subgraphs/kit/register/'),
    mayImport: ['domain', 'platform'],
  },
  { name: 'register', owns: (p) => p.startsWith('subgraphs/kit/register/'), mayImport: ['domain', 'platform', 'kit'] },
  {
    name: 'agency',
    owns: (p) => p.startsWith('subgraphs/') && !p.startsWith('subgraphs/kit/') && !isTop(p),
    mayImport: ['domain', 'platform', 'kit', 'register', 'agency'],
  },
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
      .flatMap((file) =>
        importsOf(file).map((target) => ({
          file,
          target,
          of: layerOf(`${target}.ts`) === 'outside' ? layerOf(`${target}/index.ts`) : layerOf(`${target}.ts`),
        })),
      )
      .filter(({ of }) => of !== layer.name && !layer.mayImport.includes(of))
      .map(({ file, target, of }) => `${file} → ${target} (${of})`);
    expect(wrong).toEqual([]);
  });
});

/** The file an import names: `x.ts`, or `x/index.ts` for a folder. */
function fileOf(target: string, files: ReadonlySet<string>): string | null {
  if (files.has(`${target}.ts`)) return `${target}.ts`;
  if (files.has(`${target}/index.ts`)) return `${target}/index.ts`;
  return null;
}

/** The cycles of the import graph, each as the files along it (depth-first, each cycle found once from its first file). */
function cyclesOf(files: readonly string[]): string[][] {
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, importsOf(file).flatMap((target) => fileOf(target, known) ?? [])]));
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return cycles;
}

describe('the imports', () => {
  it('form no cycle, type imports included: a file is read after everything it needs', () => {
    expect(cyclesOf(product).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
