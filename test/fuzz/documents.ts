import {
  buildASTSchema,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLArgument,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { readCommittedSupergraph } from '../../schema/supergraph';
import { randomChars, weightedPick, type Random } from '../../domain/identifiers';
import { junk, literal, plain, poisonString, valueFor, wideString, type Pools, type Value } from './values';

export type Kind = 'query' | 'mutation';
export interface Operation {
  kind: Kind;
  document: string;
  variables?: unknown;
  operationName?: unknown;
}

/** The composed API schema, as clients see it (join__ types are only reachable from no root field). */
export const API: GraphQLSchema = buildASTSchema(parse(readCommittedSupergraph()), { assumeValidSDL: true });
const ROOTS: Record<Kind, GraphQLField<unknown, unknown>[]> = {
  query: Object.values(API.getQueryType()?.getFields() ?? {}),
  mutation: Object.values(API.getMutationType()?.getFields() ?? {}),
};
/** Every name a document may use, for token soup that almost parses and almost validates. */
const NAMES = [
  ...new Set(
    Object.values(API.getTypeMap())
      .filter((t) => !t.name.startsWith('__') && !t.name.startsWith('join__') && !t.name.startsWith('link__'))
      .flatMap((t) => [t.name, ...(isObjectType(t) || isInterfaceType(t) ? Object.keys(t.getFields()) : [])]),
  ),
];

interface Context {
  r: Random;
  pools: Pools;
  /** Only digit-free strings anywhere in the document (see values.ts POISON). */
  poison: boolean;
  /** Unknown arguments and fields, selections on leaves: per document, so that the rest of the documents validate. */
  noisy: boolean;
  definitions: string[];
  variables: Record<string, unknown>;
}

function argumentsFor(c: Context, args: readonly GraphQLArgument[]): string {
  const { r } = c;
  const chosen = args.filter((arg) => (isNonNullType(arg.type) ? r.chance(0.95) : r.chance(0.35)));
  const parts = chosen.map((arg) => {
    const value = valueFor(r, arg.type, arg.name, c.pools, c.poison);
    if (!r.chance(0.3)) return `${arg.name}: ${literal(value)}`;
    // As a variable, declared with the argument's type, or now and then a wrong one.
    const name = `v${c.definitions.length}`;
    c.definitions.push(`$${name}: ${r.chance(0.9) ? arg.type.toString() : r.pick(['String', 'Int!', '[ID]', 'Nope', 'CaseFilter'])}`);
    if (r.chance(0.95)) c.variables[name] = plain(value);
    return `${arg.name}: $${name}`;
  });
  if (c.noisy && r.chance(0.1)) parts.push(`${r.pick(['nope', 'first', 'id', 'caseNumber'])}: ${literal(junk(r, c.pools, c.poison, 1))}`);
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

function selectionSet(c: Context, type: GraphQLCompositeType, depth: number): string {
  const { r } = c;
  if (depth <= 0) return '{ __typename }';
  const parts: string[] = [];
  if (isAbstractType(type) || r.chance(0.05)) {
    const possible = isAbstractType(type) ? API.getPossibleTypes(type) : [type as GraphQLObjectType];
    const on = r.pick(possible);
    parts.push(`... on ${on.name} ${selectionSet(c, on, depth - 1)}`);
  }
  if (!isObjectType(type) && !isInterfaceType(type)) return `{ __typename ${parts.join(' ')} }`;
  const fields = Object.values(type.getFields());
  // A deep budget prefers fields that go deeper, so that operations over the limits do get built.
  const deeper = fields.filter((f) => isCompositeType(getNamedType(f.type)));
  const seen = new Set<string>();
  for (let i = r.int(1, 4); i > 0; i--) {
    const field = depth > 4 && deeper.length > 0 && r.chance(0.8) ? r.pick(deeper) : r.pick(fields);
    // The same field twice with other arguments conflicts; an alias keeps them apart.
    const alias = seen.has(field.name) || r.chance(0.05) ? `a${randomChars(r, 'abcdefgh', 4)}: ` : '';
    seen.add(field.name);
    const named = getNamedType(field.type);
    const sub = isCompositeType(named) ? ` ${selectionSet(c, named, depth - 1)}` : c.noisy && r.chance(0.1) ? ' { nope }' : '';
    parts.push(`${alias}${field.name}${argumentsFor(c, field.args)}${sub}`);
  }
  if (c.noisy && r.chance(0.3))
    parts.push(
      r.pick(['nope', '__schema { types { name } }', '__typename @include(if: $missing)', `${r.pick(fields).name} @skip(if: true)`]),
    );
  return `{ ${parts.join(' ')} }`;
}

/** (c) A random operation on the real root fields: real, spoilt and wrong arguments, random sub-selections. */
export function schemaOperation(r: Random, pools: Pools, poisonMutations: boolean): Operation {
  const kind: Kind = r.chance(0.6) ? 'query' : 'mutation';
  const c: Context = { r, pools, poison: kind === 'mutation' && poisonMutations, noisy: r.chance(0.3), definitions: [], variables: {} };
  const depth = r.chance(0.06) ? r.int(14, 20) : r.int(1, 4);
  const count = r.chance(0.05) ? r.int(45, 60) : r.chance(0.15) ? r.int(2, 3) : 1;
  const roots = Array.from({ length: count }, (_, i) => {
    const field = r.pick(ROOTS[kind]);
    const named = getNamedType(field.type);
    const sub = isCompositeType(named) ? ` ${selectionSet(c, named, depth)}` : '';
    return `${count > 1 ? `r${i}: ` : ''}${field.name}${argumentsFor(c, field.args)}${sub}`;
  });
  const name = r.chance(0.5) ? ` Fuzz${r.int(0, 99)}` : '';
  const defs = c.definitions.length > 0 ? `(${c.definitions.join(', ')})` : '';
  return { kind, document: `${kind}${name}${defs} { ${roots.join(' ')} }`, variables: c.variables };
}

/** (d) A valid operation on one root field, every argument a variable, and a variables object for it. */
export function variablesOperation(r: Random, pools: Pools, poisonMutations: boolean): Operation {
  const kind: Kind = r.chance(0.6) ? 'query' : 'mutation';
  const poison = kind === 'mutation' && poisonMutations;
  const field = r.pick(ROOTS[kind].filter((f) => f.args.length > 0));
  const named = getNamedType(field.type);
  const c: Context = { r, pools, poison, noisy: false, definitions: [], variables: {} };
  const sub = isCompositeType(named) ? ` ${selectionSet(c, named, r.int(1, 2))}` : '';
  const defs = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const document = `${kind} Vars(${defs}) { ${field.name}(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})${sub} }`;
  const good = (): Record<string, Value> =>
    Object.fromEntries(field.args.map((arg) => [arg.name, valueFor(r, arg.type, arg.name, pools, poison)]));
  const variables = weightedPick(r, [
    [() => plain(good()), 4],
    [
      () => {
        const v = good();
        delete v[r.pick(field.args).name];
        return plain(v);
      },
      2,
    ],
    [() => ({ ...(plain(good()) as object), extra: plain(junk(r, pools, poison)), [r.pick(field.args).name + 'X']: 1.5 }), 1],
    [() => Object.fromEntries(field.args.map((arg) => [arg.name, plain(junk(r, pools, poison, 3))])), 3],
    [() => plain(junk(r, pools, poison, 2)), 1],
    [() => JSON.stringify(plain(good())), 1],
  ] as const)();
  return { kind, document, variables, operationName: r.chance(0.9) ? 'Vars' : r.pick([null, 'Other', 7, ['Vars']]) };
}

const PUNCTUATION = ['{', '}', '(', ')', ':', '!', '$', '@', '...', '=', '[', ']', '|', '&', ',', '"', '"""', '#', '\\', '\n'];
const KEYWORDS = ['query', 'mutation', 'subscription', 'fragment', 'on', 'true', 'null', 'schema', 'type', 'extend', 'input', 'directive'];
const soupString = (r: Random, poison: boolean) => JSON.stringify(poison ? poisonString(r) : wideString(r));

/** (b) Text that is not a valid document, or is one the gateway must refuse before running it. */
export function brokenDocument(r: Random, pools: Pools, poison: boolean): string {
  const token = () =>
    weightedPick(r, [
      [() => r.pick(NAMES), 6],
      [() => r.pick(PUNCTUATION), 6],
      [() => r.pick(KEYWORDS), 2],
      [() => soupString(r, poison), 1],
      [() => String(r.pick(poison ? [1.5, -0.5] : [1, -7, 1e99, 0.5])), 1],
    ] as const)();
  const n = r.pick([16, 17, 30, 100, 1000, 10_000, 100_000]);
  const caseNumber = JSON.stringify(poison ? poisonString(r) : r.pick(pools.byName.get('caseNumber') ?? ['x']));
  return weightedPick(r, [
    [() => Array.from({ length: r.int(1, 60) }, token).join(r.pick([' ', '', '\n'])), 6],
    [() => mutateText(r, schemaOperation(r, pools, poison).document), 6],
    [
      () =>
        `{ enforcementCase(caseNumber: "${r.pick(['unterminated', '\\u12', '\\uD800', '\\x41', '\u0001', '\\q', 'a\nb'])}) { caseNumber } }`,
      2,
    ],
    [() => `{ courts { code } } """ ${r.pick(['unterminated', '\\"""'])}`, 1],
    [() => `{ ${'a { '.repeat(n)} b ${'} '.repeat(n)} }`, 2],
    [() => `{ enforcementCase(caseNumber: ${'['.repeat(n)}${caseNumber}${']'.repeat(n)}) { caseNumber } }`, 1],
    [() => `{ courts(x: ${'{a: '.repeat(Math.min(n, 50_000))}1${'}'.repeat(Math.min(n, 50_000))}) { code } }`, 1],
    [
      () => {
        const d = r.int(6, 40);
        return `{ enforcementCase(caseNumber: ${caseNumber}) { ${'respondents { enforcementCase { '.repeat(d)}caseNumber${' } }'.repeat(d)} } }`;
      },
      2,
    ],
    [() => `{ ${Array.from({ length: r.int(51, 800) }, (_, i) => `c${i}: courts { code }`).join(' ')} }`, 2],
    [() => `{ courts { ${'code name '.repeat(r.int(1001, 20_000))} } }`, 1],
    [
      () =>
        `${Array.from({ length: 25 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F25 on Query { courts { code } } { ...F0 }`,
      1,
    ],
    [() => 'fragment A on Query { ...B } fragment B on Query { ...A } { ...A }', 1],
    [() => 'query A { courts { code } } query A { courts { name } } { courts { code } }', 1],
    [() => 'subscription { courts { code } }', 1],
    [() => `{ courts @${r.pick(['include', 'skip(if: "yes")', 'include(if: $nope)', 'deprecated', 'nope'])} { code } }`, 1],
    [() => '', 1],
  ] as const)();
}

/** A document spoilt as text: a range cut or doubled, a brace dropped or added, the end cut off. */
function mutateText(r: Random, text: string): string {
  const at = r.int(0, text.length);
  const to = Math.min(text.length, at + r.int(1, 20));
  return weightedPick(r, [
    [text.slice(0, at) + text.slice(to), 2],
    [text.slice(0, to) + text.slice(at), 1],
    [text.slice(0, at), 2],
    [text.slice(0, at) + r.pick(PUNCTUATION) + text.slice(at), 2],
    [text.replace('}', ''), 1],
    [`${text} }`, 1],
    [text.replace(/:/g, ''), 1],
  ] as const);
}
