import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/**
 * Money is an integer number of fen (分). GraphQL's Int stops at about ¥21 million,
 * well below large claims, so amounts travel as JSON numbers checked to be safe integers.
 */
export const Cents = new GraphQLScalarType<number, number>({
  name: 'Cents',
  description: 'An amount of money in fen (1/100 yuan), as a whole number.',
  serialize: (value) => checkCents(value),
  parseValue: (value) => checkCents(value),
  parseLiteral: (ast: ValueNode) => {
    if (ast.kind !== Kind.INT) throw new GraphQLError('Cents must be a whole number of fen');
    return checkCents(Number(ast.value));
  },
});

function checkCents(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw new GraphQLError(`Cents must be a whole number of fen, got ${String(value)}`);
  return value;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (YYYY-MM-DD), for legal dates where the time of day carries no meaning. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : checkDate(value)),
  parseValue: (value) => checkDate(value),
  parseLiteral: (ast) => checkDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Printed back, because Date.parse rolls a day that does not exist (2026-02-30) over into the next month. */
const isCalendarDate = (value: string): boolean => {
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
};

function checkDate(value: unknown): string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || !isCalendarDate(value)) {
    throw new GraphQLError(`Date must be YYYY-MM-DD, got ${String(value)}`);
  }
  return value;
}

/** An instant, always UTC ISO-8601 in the API; stored as a BSON date. */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in UTC, ISO-8601.',
  serialize: (value) => {
    const date = value instanceof Date ? value : new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime cannot represent ${String(value)}`);
    return date.toISOString();
  },
  parseValue: (value) => parseInstant(value),
  parseLiteral: (ast) => parseInstant(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** ISO-8601 with a date, a time and an offset: `new Date` alone would take "1" for 2001-01-01. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function parseInstant(value: unknown): Date {
  const date =
    typeof value === 'string' && ISO_INSTANT.test(value) && isCalendarDate(value.slice(0, 10)) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new GraphQLError(`DateTime must be an ISO-8601 instant, got ${String(value)}`);
  return date;
}

export const scalars: readonly GraphQLScalarType[] = [Cents, DateScalar, DateTime];
