import type { Identity } from '../../platform/identity';
import { createRandom, randomChars, weightedPick, type Random } from '../../domain/identifiers';
import { actorForCases, ANALYST, divisionHeadOf, officerOf, staffOf, SUPERVISOR, TEST_OFFICER } from '../identities';
import { brokenDocument, schemaOperation, variablesOperation, type Operation } from './documents';
import { wideString, type Pools } from './values';

export const CATEGORIES = ['http', 'syntax', 'schema', 'variables'] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * Who sends a request: a signed identity (signed by the test, one token per label), a spoilt one, a raw
 * Authorization header, or nobody. `mayMutate` is true for every identity whose role some mutation allows
 * (court and agency staff): mutations sent as them carry only poison strings (values.ts), so that none can
 * be valid and allowed at once. Analysts and supervisors (whom no mutation allows, as roles.e2e pins),
 * no token and refused tokens send real identifiers too: a write then is a finding.
 */
export interface Actor {
  label: string;
  identity?: Identity;
  /** A raw Authorization header instead of a signed identity; undefined with no identity sends none. */
  header?: string;
  /** Signed, then spoilt: expired or with its signature cut. */
  spoilt?: 'expired' | 'tampered';
  mayMutate: boolean;
}

export interface FuzzRequest {
  id: number;
  category: Category;
  actor: Actor;
  method: string;
  /** Path and query string, relative to the gateway's origin. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** What a schema-aware document asks for, when it is one. */
  kind?: 'query' | 'mutation';
}

/** An identity with a token; its userId names it, and requests share one token per name. */
const signed = (identity: Identity, mayMutate: boolean): Actor => ({ label: identity.userId, identity, mayMutate });

function actors(pools: Pools): Actor[] {
  const [first, second] = pools.cases;
  return [
    signed(TEST_OFFICER, true),
    ...(first ? [signed(officerOf(first), true)] : []),
    ...(second ? [signed(divisionHeadOf(second.courtCode), true)] : []),
    ...(['REALESTATE', 'VEHICLES', 'VESSELS', 'TAXATION', 'FINANCE', 'MARKET', 'VICTIMS', 'POLICE', 'PROCURATORATE'] as const).map(
      (agency) => signed(staffOf(agency), true),
    ),
    signed(ANALYST, false),
    signed(SUPERVISOR, false),
    { label: 'anonymous', mayMutate: false },
    { label: 'expired officer', identity: TEST_OFFICER, spoilt: 'expired', mayMutate: false },
    { label: 'tampered officer', identity: TEST_OFFICER, spoilt: 'tampered', mayMutate: false },
    ...[
      'Bearer garbage',
      'Bearer ',
      'Bearer a.b.c',
      'Basic dXNlcjpwYXNz',
      'bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
      '',
      `Bearer ${'A'.repeat(8000)}`,
    ].map((header, i): Actor => ({ label: `garbage token ${i}`, header, mayMutate: false })),
  ];
}

const JSON_TYPE = { 'content-type': 'application/json' };
const post = (body: string | Uint8Array, headers: Record<string, string> = JSON_TYPE) => ({
  method: 'POST',
  path: '/graphql',
  headers,
  body,
});

/** A query, or a poisoned mutation for an actor whose role might allow it, to wrap in broken HTTP. */
function someOperation(r: Random, pools: Pools, actor: Actor): Operation {
  return r.chance(0.5) ? { kind: 'query', document: '{ courts { code name } }' } : schemaOperation(r, pools, actor.mayMutate);
}

/** (a) Requests broken at the HTTP level: bodies, content types, methods, paths, query strings. */
function httpRequest(r: Random, pools: Pools, actor: Actor): Omit<FuzzRequest, 'id' | 'category' | 'actor'> {
  const op = someOperation(r, pools, actor);
  const json = JSON.stringify({ query: op.document, variables: op.variables });
  const deep = r.pick([100, 10_000, 200_000]);
  const search = (params: string) => ({
    method: 'GET',
    path: `/graphql?${params}`,
    headers: r.chance(0.7) ? { 'apollo-require-preflight': 'true' } : {},
  });
  return weightedPick(r, [
    [() => post(json.slice(0, r.int(0, json.length - 1))), 3],
    [() => post(wideString(r)), 2],
    [
      () =>
        post(json, {
          'content-type': r.pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/graphql',
            'application/json; charset=utf-16',
            'application/jsonx',
            '*/*',
            '',
          ]),
        }),
      3,
    ],
    [() => post(op.document, { 'content-type': 'application/graphql', 'apollo-require-preflight': '1' }), 1],
    [() => post(Uint8Array.from({ length: r.int(1, 4000) }, () => r.int(0, 255))), 2],
    [() => post(`{"query":"{ courts { code } }","variables":${'{"a":'.repeat(deep)}1${'}'.repeat(deep)}}`), 1],
    [() => post(`${'['.repeat(deep)}${']'.repeat(deep)}`), 1],
    [() => post(JSON.stringify({ query: `{ courts { code } }${' '.repeat(r.chance(0.5) ? 990_000 : 1_100_000)}` })), 0.3],
    [() => post(JSON.stringify({ query: r.pick<unknown>([123, [], {}, null, true, [op.document]]), variables: op.variables })), 2],
    [() => post(JSON.stringify({ query: op.document, variables: r.pick<unknown>(['string', 5, [], null, '{"a":1}', true]) })), 2],
    [
      () =>
        post(
          JSON.stringify({ query: op.document, variables: op.variables, operationName: r.pick<unknown>([5, {}, [], '', 'Nope', true]) }),
        ),
      2,
    ],
    [
      () =>
        post(
          JSON.stringify({
            query: op.document,
            extensions: r.pick<unknown>([
              'x',
              [],
              { persistedQuery: { version: 1, sha256Hash: randomChars(r, '0123456789abcdef', 64) } },
              { persistedQuery: 'yes' },
            ]),
          }),
        ),
      2,
    ],
    [
      () =>
        post(
          JSON.stringify({
            extensions: { persistedQuery: { version: r.pick([1, 2]), sha256Hash: randomChars(r, '0123456789abcdef', 64) } },
          }),
        ),
      1,
    ],
    [() => post(''), 1],
    [() => post(JSON.stringify([{ query: op.document }, { query: '{ courts { code } }' }])), 2],
    [() => post(JSON.stringify(r.pick<unknown>([null, 1, 'query', {}, { Query: '{ courts { code } }' }]))), 1],
    [() => search(`query=${encodeURIComponent(op.document)}&variables=${encodeURIComponent(JSON.stringify(op.variables ?? {}))}`), 2],
    [
      () =>
        search(
          r.pick([
            'query=%ZZ',
            'query',
            'query=',
            'query[]=x&query[]=y',
            'variables=notjson&query={courts{code}}',
            'query={courts{code}}&query={courts{name}}',
            `query=${'%7B'.repeat(2000)}`,
            'extensions={"persistedQuery":{"version":1,"sha256Hash":"abc"}}',
          ]),
        ),
      2,
    ],
    [() => search(`query=${encodeURIComponent('mutation { declareMassCase(caseNumber: "", name: "") { name } }')}`), 1],
    [() => ({ method: r.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']), path: '/graphql', headers: JSON_TYPE, body: json }), 1],
    [
      () => ({
        method: 'GET',
        path: r.pick(['/', '/graphql/', '/GRAPHQL', '/health?x=1', '/%00', '/..%2f..%2fetc', '/graphql/../health', `/${'a'.repeat(5000)}`]),
        headers: {},
      }),
      1,
    ],
  ] as const)();
}

/** Every request of the run, the same for a seed. */
export function fuzzRequests(seed: number, pools: Pools, counts: Record<Category, number>): FuzzRequest[] {
  const r = createRandom(`fuzz:${seed}`);
  const cast = actors(pools);
  const requests: FuzzRequest[] = [];
  for (const category of CATEGORIES) {
    for (let i = 0; i < counts[category]; i++) {
      // Mostly people who would get past authentication, so that the documents reach validation and resolvers.
      const actor = r.chance(0.75) ? r.pick(cast.filter((a) => a.identity && !a.spoilt)) : r.pick(cast);
      const http = category === 'http' ? { actor, ...httpRequest(r, pools, actor) } : graphqlRequest(r, pools, actor, category);
      requests.push({ id: requests.length, category, ...http });
    }
  }
  return requests;
}

/**
 * A document of (b), (c) or (d), sent as `actor` or, for (c) and (d) often, as whoever would send it in
 * practice (the officer of the case it names, the register's staff), so that it reaches the resolvers
 * rather than a refusal. Those all hold roles that allow mutations, so the mutations sent as them are poisoned.
 */
function graphqlRequest(r: Random, pools: Pools, actor: Actor, category: Exclude<Category, 'http'>): Omit<FuzzRequest, 'id' | 'category'> {
  if (category === 'syntax') return { actor, ...post(JSON.stringify({ query: brokenDocument(r, pools, actor.mayMutate) })) };
  const fitting = r.chance(0.5);
  const poison = fitting || actor.mayMutate;
  const op = category === 'schema' ? schemaOperation(r, pools, poison) : variablesOperation(r, pools, poison);
  const sender = fitting
    ? signed(actorForCases(op.document, { document: op.document, variables: op.variables }, pools.cases), true)
    : actor;
  // The victims subgraph reads x-caller; the gateway must not pass a client's on.
  const extra: Record<string, string> = r.chance(0.05) ? { 'x-caller': JSON.stringify({ role: 'DIVISION_HEAD' }) } : {};
  return {
    actor: sender,
    kind: op.kind,
    ...post(JSON.stringify({ query: op.document, variables: op.variables, operationName: op.operationName }), { ...JSON_TYPE, ...extra }),
  };
}
