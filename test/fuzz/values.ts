import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import { generateProvince } from '../../seed/province';
import { weightedPick, type Random } from '../../domain/identifiers';

/** An enum value, printed bare in a document and as its name in variables. */
export class EnumLiteral {
  constructor(readonly name: string) {}
}
export type Value = EnumLiteral | string | number | boolean | null | Value[] | { [key: string]: Value };

/**
 * Strings for mutations sent as someone whose role might allow them. None holds a digit, and every record
 * a mutation could change is named by an identifier with digits (case numbers, citizen IDs and credit
 * codes, RE-…/P…/…#R1 ids), so such a mutation can find nothing to change and passes no format check.
 * The test checks the identifier validators refuse each of these.
 */
export const POISON: readonly string[] = [
  '',
  ' ',
  '\t\n ',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '$where',
  '{"$ne":null}',
  '{"$gt":""}',
  '.*',
  '../../etc/passwd',
  '<script>alert(document.cookie)</script>',
  "'; DROP TABLE cases; --",
  '（年）浙执号',
  '浙A·',
  'P',
  'RE-',
  '#R',
  '\u0000',
  '\uffff',
  '\u202e',
  'ＡＢＣ',
  '\\',
  '"',
  '💥'.repeat(500),
  'x'.repeat(200_000),
  '浙'.repeat(5000),
];
/** Characters by code point, so that an emoji is drawn whole: a lone surrogate fails to parse, and gets its own turn. */
const DIGIT_FREE = [...'abcxyzABCXYZ-_.·（）()#$%&*+/:;<=>?@[]^`{|}~ \t\n\u0000\u0007\u00e9\u4e2d\u6d59\u6267\u53f7\ufeff\u200b💥😀'];
/** Anything, digits included. */
const WIDE = [...DIGIT_FREE, ...'0123456789０１２３'];
const text = (r: Random, alphabet: readonly string[], length: number) => Array.from({ length }, () => r.pick(alphabet)).join('');

export function poisonString(r: Random): string {
  return r.chance(0.6) ? r.pick(POISON) : text(r, DIGIT_FREE, r.int(1, r.chance(0.1) ? 5000 : 40));
}

/** Real identifiers of the seeded province by argument name, so valid look-ups reach real resolvers. */
export interface Pools {
  byName: Map<string, string[]>;
  any: string[];
  cases: { _id: string; courtCode: string; officerId: string }[];
}

export function provincePools(seed: number, cases: number): Pools {
  const province = generateProvince(seed, cases);
  const ids = (subgraph: string, collection: string, field = '_id') =>
    ((province[subgraph]?.[collection] ?? []) as Record<string, unknown>[])
      .map((d) => d[field])
      .filter((v): v is string => typeof v === 'string');
  const caseDocs = (province.court?.cases ?? []) as { _id: string; courtCode: string; officerId: string }[];
  const caseNumbers = caseDocs.map((c) => c._id);
  const parties = ids('court', 'parties');
  const controls = ['realestate', 'vehicles', 'vessels', 'taxation', 'finance', 'market'].flatMap((s) => ids(s, 'controls'));
  const byName = new Map<string, string[]>([
    ['caseNumber', [...caseNumbers, ...caseNumbers.slice(0, 5).map((c) => c.replace('（', '(').replace('）', ') '))]],
    ['courtCode', [...new Set(caseDocs.map((c) => c.courtCode))]],
    ['partyId', parties],
    ['suspectId', parties],
    ['buyerId', parties],
    ['citizenId', parties],
    ['plate', ids('vehicles', 'assets', 'plate')],
    ['vin', ids('vehicles', 'assets')],
    ['mmsi', ids('vessels', 'assets', 'mmsi')],
    ['hullName', ids('vessels', 'assets', 'hullName')],
    ['accountNumber', ids('finance', 'assets')],
    ['companyId', ids('market', 'assets', 'companyId')],
    ['unitId', ids('realestate', 'assets')],
    ['assetId', ids('realestate', 'assets')],
    ['id', [...parties, ...controls, ...ids('victims', 'rounds'), ...ids('victims', 'participants'), ...ids('taxation', 'assets')]],
    ['controlId', controls],
    ['participantId', ids('victims', 'participants')],
    ['roundId', ids('victims', 'rounds')],
  ]);
  return { byName, any: [...byName.values()].flat(), cases: caseDocs };
}

/** A real identifier spoilt the way people and attackers spoil them: cut, padded, one character changed, case flipped. */
function spoil(r: Random, s: string): string {
  const at = r.int(0, s.length);
  return weightedPick(r, [
    [s.slice(0, at), 1],
    [`${s} `, 1],
    [` ${s}\u0000`, 1],
    [s.toLowerCase(), 1],
    [s.repeat(r.int(2, 50)), 1],
    [`${s.slice(0, at)}${r.pick(WIDE)}${s.slice(at + 1)}`, 3],
    [s.replace(/\d/g, '９'), 1],
  ]);
}

export function wideString(r: Random): string {
  const wide = text(r, WIDE, r.int(0, r.chance(0.05) ? 100_000 : 30));
  return r.chance(0.03) ? `${wide}${r.pick(['\ud800', '\udfff'])}` : wide;
}

/** A string for an argument called `name`: real, spoilt or junk; only poison when `poison`. */
export function stringFor(r: Random, name: string, pools: Pools, poison: boolean): string {
  if (poison) return poisonString(r);
  const pool = pools.byName.get(name) ?? pools.any;
  return weightedPick(r, [
    [() => r.pick(pool), 5],
    [() => spoil(r, r.pick(pool)), 3],
    [() => wideString(r), 2],
    [() => poisonString(r), 1],
  ] as const)();
}

const NUMBERS = [
  0,
  -1,
  1,
  20,
  100,
  101,
  -2147483648,
  2147483647,
  2147483648,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e21,
  1.5,
  -0.5,
  1e-7,
  1.7976931348623157e308,
];
const FRACTIONS = NUMBERS.filter((n) => !Number.isInteger(n));
const INTEGERS = NUMBERS.filter((n) => Number.isInteger(n));

/** Any JSON-ish value, nested up to `depth`; without integers when `poison` (an integer passes as an ID). */
export function junk(r: Random, pools: Pools, poison: boolean, depth = 2): Value {
  const choices: [() => Value, number][] = [
    [() => stringFor(r, 'any', pools, poison), 4],
    [() => r.pick(poison ? FRACTIONS : NUMBERS), 2],
    [() => r.chance(0.5), 1],
    [() => null, 1],
    [() => new EnumLiteral(r.pick(['OPEN', 'SEAL', 'FREEZE', 'true', 'null', 'ZZZ'])), depth > 0 ? 0 : 1],
  ];
  if (depth > 0) {
    choices.push([() => Array.from({ length: r.int(0, 4) }, () => junk(r, pools, poison, depth - 1)), 1]);
    choices.push([
      () =>
        Object.fromEntries(
          Array.from({ length: r.int(0, 4) }, () => [
            r.pick(['a', 'id', '__proto__', 'caseNumber', '$ne', 'query']),
            junk(r, pools, poison, depth - 1),
          ]),
        ),
      1,
    ]);
  }
  return weightedPick(r, choices)();
}

/** A value for an input of `type`: right most of the time, else the wrong type, a null, a missing field. */
export function valueFor(r: Random, type: GraphQLInputType, name: string, pools: Pools, poison: boolean, depth = 0): Value {
  if (r.chance(0.06) || depth > 4) return junk(r, pools, poison, 1);
  if (isNonNullType(type)) return valueFor(r, type.ofType, name, pools, poison, depth);
  if (isListType(type))
    return Array.from({ length: r.int(0, r.chance(0.05) ? 200 : 3) }, () => valueFor(r, type.ofType, name, pools, poison, depth + 1));
  if (isEnumType(type)) return new EnumLiteral(r.chance(0.9) ? r.pick(type.getValues()).name : r.pick(['NOPE', 'open', 'ALL']));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => (isNonNullType(field.type) ? r.chance(0.93) : r.chance(0.4)));
    const object: Record<string, Value> = Object.fromEntries(
      fields.map((field) => [field.name, valueFor(r, field.type, field.name, pools, poison, depth + 1)]),
    );
    // defineProperty, not assignment: `__proto__` must become a key of the input, not its prototype.
    if (r.chance(0.05))
      Object.defineProperty(object, r.pick(['extra', '__proto__', '$set']), { value: junk(r, pools, poison, 1), enumerable: true });
    return object;
  }
  switch (getNamedType(type).name) {
    case 'Int':
    case 'Cents':
      return r.pick(r.chance(0.9) ? INTEGERS : NUMBERS);
    case 'Float':
      return r.pick([...NUMBERS, 30.1, 121.5, -91]);
    case 'Boolean':
      return r.chance(0.5);
    case 'Date':
      return poison ? poisonString(r) : r.pick(['2026-01-01', '2026-02-30', '1900-01-01', '9999-12-31', 'yesterday']);
    case 'DateTime':
      return poison ? poisonString(r) : r.pick(['2026-01-01T00:00:00Z', '2026-13-01T00:00:00Z', 'now', '']);
    default:
      return stringFor(r, name, pools, poison);
  }
}

/** A value as GraphQL literal syntax. */
export function literal(value: Value): string {
  if (value instanceof EnumLiteral) return value.name;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v)}`)
      .join(', ')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** A value as JSON for the variables object (an enum travels as its name). */
export function plain(value: Value): unknown {
  if (value instanceof EnumLiteral) return value.name;
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}
