import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { concatAST, Kind, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { AGENCIES } from '../../domain/agencies';
import type { Db } from 'mongodb';
import type { Identity } from '../../platform/identity';
import { applyRules, type RootRules } from './auth/rules';
import type { Clock } from '../../platform/clock';
import type { IndexDeclaration } from './mongo';
import type { ResolverMap } from './resolverMaps';
import { scalars } from './scalars';
import { privateKey, publicKey, type SigningKeyName } from '../../platform/signing';
import { accessLogCheckpointDir, accessLogKey } from './audit/key';
import { accessLogCheckpointer } from './audit/checkpointer';

/** What a subgraph's context factory gets for each request. */
export interface RequestScope {
  db: Db;
  headers: IncomingHttpHeaders;
  /** The server's clock (see clock.ts); defineSubgraph also hands it to resolvers as `context.clock`. */
  clock: Clock;
  /** Who asks, as the gateway verified it (kit/auth); defineSubgraph also hands it to resolvers as `context.identity`. */
  identity: Identity;
}

/** What the kit puts into every request's context, whatever the agency's factory returns. */
export interface KitScope {
  clock: Clock;
  identity: Identity;
}

/** The part of a context an agency's factory builds: everything but the kit's own. */
export type OwnContext<TContext> = Omit<TContext, keyof KitScope>;

/**
 * A background service of a subgraph's process (a dispatcher, a timer), started once the subgraph serves
 * by main.ts (runSubgraph); returns how to stop it. Declared with the subgraph, so whatever starts the
 * subgraph finds them all in one place.
 */
export type BackgroundService = (running: { name: string; db: Db; clock: Clock }) => Promise<() => Promise<void>>;

/** The shape every subgraph's index.ts exports: name, schema, resolvers, context factory, indexes. */
export interface SubgraphDefinition<TContext extends object> {
  name: string;
  /** The port `npm start` and main.ts use unless <NAME>_PORT says otherwise. */
  defaultPort: number;
  typeDefs: DocumentNode;
  resolvers: ResolverMap<TContext>;
  createContext: (scope: RequestScope) => OwnContext<TContext>;
  indexes: readonly IndexDeclaration[];
  /** Who may call each root field (kit/auth/rules.ts); every root field needs one when given. */
  rules?: RootRules;
  /** Named keys this subgraph signs or checks with, loaded as it starts so that production without them refuses to start. */
  keys?: { signs?: SigningKeyName[]; checks?: SigningKeyName[] };
  /** What the subgraph's process runs beside the server (a register's lapse timer, an outbox dispatcher). */
  background?: BackgroundService[];
}

/** A definition with its context type erased, so the registry can hold subgraphs of different contexts. */
export interface Subgraph {
  name: string;
  defaultPort: number;
  typeDefs: DocumentNode;
  indexes: readonly IndexDeclaration[];
  background: readonly BackgroundService[];
  /** Who may call each root field: the schema applies them, and the tests read them to pick who sends what. */
  rules: RootRules;
  buildSchema(): GraphQLSchema;
  createContext(scope: RequestScope): object;
}

const KIT_SCHEMA_DIR = join(__dirname, 'schema');

/** Reads a subgraph's schema files, plus the kit's shared definitions it names (e.g. `scalars`, `assets`). */
export function loadTypeDefs(files: string[], kitParts: string[] = []): DocumentNode {
  const paths = [...files, ...kitParts.map((part) => join(KIT_SCHEMA_DIR, `${part}.graphql`))];
  return concatAST(paths.map((path) => parse(readFileSync(path, 'utf8'))));
}

/** Whether a subgraph keeps an access log: it adds its fields to the AccessAudit entity. */
function keepsAccessLog(typeDefs: DocumentNode): boolean {
  return typeDefs.definitions.some((node) => 'name' in node && node.name?.value === 'AccessAudit');
}

/**
 * The schema's Agency enum must be domain/agencies.ts's list, in its order: the identity claims and the
 * registry read that list, and an agency the enum lacks could be named in a token but never in an answer.
 */
export function checkAgencyEnum(typeDefs: DocumentNode): void {
  for (const node of typeDefs.definitions) {
    if (node.kind !== Kind.ENUM_TYPE_DEFINITION || node.name.value !== 'Agency') continue;
    const values = (node.values ?? []).map((value) => value.name.value);
    if (values.join() !== AGENCIES.join())
      throw new Error(
        `the schema's Agency enum (${values.join(', ')}) must list domain/agencies.ts's AGENCIES (${AGENCIES.join(', ')}), in that order`,
      );
  }
}

export function defineSubgraph<TContext extends object>(definition: SubgraphDefinition<TContext>): Subgraph {
  checkAgencyEnum(definition.typeDefs);
  const accessLog = keepsAccessLog(definition.typeDefs);
  return {
    name: definition.name,
    defaultPort: definition.defaultPort,
    typeDefs: definition.typeDefs,
    indexes: definition.indexes,
    // A log's checkpoints are what show it was cut short: whoever keeps one checkpoints it.
    background: [...(accessLog ? [accessLogCheckpointer] : []), ...(definition.background ?? [])],
    rules: definition.rules ?? {},
    // Assigned rather than spread, so a context built as a class instance keeps its methods; assigned
    // last, so no agency's context can replace the kit's clock or the verified identity.
    createContext: (scope) => {
      const kit: KitScope = { clock: scope.clock, identity: scope.identity };
      return Object.assign(definition.createContext(scope), kit);
    },
    buildSchema() {
      for (const name of definition.keys?.signs ?? []) privateKey(name);
      for (const name of definition.keys?.checks ?? []) publicKey(name);
      // A subgraph that keeps an access log keys it, and checkpoints it outside its database.
      if (accessLog) {
        accessLogKey();
        accessLogCheckpointDir();
      }
      const declared = new Set(
        definition.typeDefs.definitions.flatMap((node) => (node.kind === 'ScalarTypeDefinition' ? [node.name.value] : [])),
      );
      const scalarResolvers = Object.fromEntries(scalars.filter((s) => declared.has(s.name)).map((s) => [s.name, s]));
      const schema = buildSubgraphSchema({
        typeDefs: definition.typeDefs,
        resolvers: { ...scalarResolvers, ...definition.resolvers } as ResolverMap<unknown>,
      });
      return definition.rules ? applyRules(schema, definition.rules) : schema;
    },
  };
}
