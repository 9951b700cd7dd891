import type { Collection, Document, Filter } from 'mongodb';
import { badUserInput } from '../../platform/errors';

/**
 * Cursors are opaque to clients: the sort position as a JSON tuple of strings, base64url so it is URL-safe.
 * One codec for every paged list of the graph (the court's cases, the work lists below).
 */
export function encodePosition(parts: readonly string[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** The tuple of `arity` strings a cursor carries, or BAD_USER_INPUT naming `field`. */
export function decodePosition(field: string, value: string, arity: number): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === arity && parsed.every((part) => typeof part === 'string')) return parsed as string[];
  } catch {
    // falls through to the error below
  }
  throw notACursor(field);
}

/** A date a cursor carries, or BAD_USER_INPUT naming `field`. */
export function positionDate(field: string, value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw notACursor(field);
  return date;
}

function notACursor(field: string) {
  return badUserInput(field, 'is not a cursor returned by this query');
}

/** One page of a list: the GraphQL `…Page { nodes pageInfo }` shape. */
export interface Page<T> {
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/** A part of a work list: what matches `filter`, listed after the parts before it. */
export interface WorkListPart<T> {
  name: string;
  filter: Filter<T>;
}

/**
 * A work list: its parts in the order they need action (a request just received before one taken up),
 * each sorted by `time` then `_id`. The cursor is the part, the time and the id of the last node, so a
 * page goes on where the last one stopped even while documents move between parts.
 */
export interface WorkList<T> {
  parts: readonly WorkListPart<T>[];
  /** A Date field the parts sort by, oldest first; documents without one are not listed. */
  time: keyof T & string;
  /** What the filter cannot express (a deadline passed), decided in the process; the default keeps all. */
  keep?: (node: T) => boolean;
}

interface Position {
  part: number;
  time: Date;
  id: string;
}

/**
 * One page of at most `first` nodes from `after` on. One query per part (and per batch `keep` thins out),
 * each served by an index that begins with the part's fields and ends with `time`.
 */
export async function workListPage<T extends Document & { _id: string }>(
  collection: Collection<T>,
  list: WorkList<T>,
  first: number,
  after: string | null | undefined,
  field = 'after',
): Promise<Page<T>> {
  const from = positionArg(field, after, list);
  const found: { node: T; part: number }[] = [];
  for (let part = from?.part ?? 0; part < list.parts.length && found.length <= first; part++) {
    let position = from && part === from.part ? from : null;
    for (;;) {
      const limit = first + 1 - found.length;
      const batch = (await collection
        .find({ $and: [list.parts[part].filter, beyond(list.time, position)] } as Filter<T>)
        .sort({ [list.time]: 1, _id: 1 })
        .limit(limit)
        .toArray()) as T[];
      for (const node of batch) if (!list.keep || list.keep(node)) found.push({ node, part });
      const last = batch.at(-1);
      if (!last || batch.length < limit || found.length > first) break;
      position = { part, time: timeOf(last, list.time), id: last._id };
    }
  }
  const listed = found.slice(0, first);
  const last = listed.at(-1);
  const endCursor = last ? encodePosition([list.parts[last.part].name, timeOf(last.node, list.time).toISOString(), last.node._id]) : null;
  return { nodes: listed.map(({ node }) => node), pageInfo: { endCursor, hasNextPage: found.length > first } };
}

function beyond(time: string, position: Position | null): Document {
  if (!position) return { [time]: { $ne: null } };
  return { $or: [{ [time]: { $gt: position.time } }, { [time]: position.time, _id: { $gt: position.id } }] };
}

function timeOf<T extends Document>(node: T, time: string): Date {
  return node[time] as Date;
}

function positionArg<T>(field: string, value: string | null | undefined, list: WorkList<T>): Position | null {
  if (value === null || value === undefined) return null;
  const [name, time, id] = decodePosition(field, value, 3);
  const part = list.parts.findIndex((candidate) => candidate.name === name);
  if (part < 0) throw notACursor(field);
  return { part, time: positionDate(field, time), id };
}
