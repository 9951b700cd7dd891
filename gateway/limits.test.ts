import { buildSchema, getIntrospectionQuery, parse, specifiedRules, validate } from 'graphql';
import { operationLimitsRule } from './limits';

const schema = buildSchema(`
  type Node { id: ID! name: String child: Node children: [Node!]! }
  type Query { node: Node }
`);
const limits = { maxDepth: 15, maxAliases: 50, maxFields: 2000 };
const check = (document: string) => validate(schema, parse(document), [...specifiedRules, operationLimitsRule(limits)]);
const codes = (document: string) => check(document).map((error) => [error.extensions.code, error.extensions.limit]);

const nested = (levels: number) => `{ node ${'{ child '.repeat(levels - 2)}{ id }${' }'.repeat(levels - 2)} }`;

describe('operation limits', () => {
  it('lets an ordinary query and the introspection query GraphiQL sends through', () => {
    expect(check('query Q { node { id name child { id children { name } } } }')).toEqual([]);
    expect(check(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
  });

  it('counts depth with fragments and inline fragments expanded', () => {
    expect(check(nested(15))).toEqual([]);
    expect(codes(nested(16))).toEqual([['QUERY_TOO_COMPLEX', 'depth']]);
    const viaFragments = `query Deep { node { ...A } } fragment A on Node { child { ... on Node { child { ...B } } } } fragment B on Node { ${nested(13).slice(1, -1).replace('node', 'child')} }`;
    expect(codes(viaFragments)).toEqual([['QUERY_TOO_COMPLEX', 'depth']]);
    expect(check(nested(50))[0]?.message).toMatch(/50 levels deep, over the limit of 15/);
  });

  it('counts aliases per operation, fragments expanded each time they are spread', () => {
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: id`).join(' ');
    expect(check(`{ node { ${aliases(50)} } }`)).toEqual([]);
    expect(codes(`{ node { ${aliases(51)} } }`)).toEqual([['QUERY_TOO_COMPLEX', 'aliases']]);
    expect(codes(`{ node { ...F child { ...F } } } fragment F on Node { ${aliases(30)} }`)).toEqual([['QUERY_TOO_COMPLEX', 'aliases']]);
    expect(check(`{ node { ${aliases(1000)} } }`)[0]?.message).toMatch(/1000 aliases/);
  });

  it('refuses a fragment bomb by its expanded size, quickly', () => {
    // Each level spreads the one below twice: 2^30 fields once expanded, from a document of a few lines.
    const levels = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Node { child { ...F${i + 1} } children { ...F${i + 1} } }`);
    const bomb = `{ node { ...F0 } } ${levels.join(' ')} fragment F30 on Node { id }`;
    const started = performance.now();
    const found = codes(bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(found).toEqual(
      expect.arrayContaining([
        ['QUERY_TOO_COMPLEX', 'depth'],
        ['QUERY_TOO_COMPLEX', 'fields'],
      ]),
    );
  });

  it('counts each operation of a document on its own', () => {
    const half = Array.from({ length: 30 }, (_, i) => `a${i}: id`).join(' ');
    expect(check(`query A { node { ${half} } } query B { node { ${half} } }`)).toEqual([]);
  });
});
