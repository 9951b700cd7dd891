import { defaultFieldResolver, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { domainError, ErrorCode } from '../../../platform/errors';
import type { Agency } from '../../../domain/agencies';
import { identityOf, type Identity, type IdentityScope, type Role } from '../../../platform/identity';

/** Whether an identity may call a root field at all; finer checks (legal basis) stay in the resolvers. */
export type Rule = (identity: Identity) => boolean;

/** Every Query and Mutation field of a subgraph, each with its rule. */
export interface RootRules {
  Query?: Record<string, Rule>;
  Mutation?: Record<string, Rule>;
}

export const roles =
  (...allowed: Role[]): Rule =>
  (identity) =>
    identity.roles.some((role) => allowed.includes(role));
/** Agency staff act only for the agency their token names: a register's data is addressed to that agency alone. */
export const staffOf =
  (agency: Agency): Rule =>
  (identity) =>
    identity.roles.includes('AGENCY_STAFF') && identity.agency === agency;
export const either =
  (...rules: Rule[]): Rule =>
  (identity) =>
    rules.some((rule) => rule(identity));
export const everyone: Rule = () => true;

export const COURT_STAFF = roles('OFFICER', 'DIVISION_HEAD');
export const DIVISION_HEAD = roles('DIVISION_HEAD');

export function forbidden(message: string): Error {
  return domainError(ErrorCode.FORBIDDEN, message);
}

/** Refuses unless the identity holds one of the roles; returns it for the resolver's further checks. */
export function requireRule(ctx: IdentityScope, rule: Rule, what: string): Identity {
  const identity = identityOf(ctx);
  if (!rule(identity)) throw forbidden(`${identity.roles.join(', ')} may not ${what}`);
  return identity;
}

const FEDERATION_FIELDS = new Set(['_entities', '_service']);

/**
 * Wraps every root field in its rule. A root field without a rule stops the subgraph at start: a new
 * operation must be given a rule before it can be served, rather than being open by default.
 */
export function applyRules(schema: GraphQLSchema, rules: RootRules): GraphQLSchema {
  for (const root of ['Query', 'Mutation'] as const) {
    const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
    if (!type) continue;
    const table = rules[root] ?? {};
    for (const field of Object.values(type.getFields())) {
      if (FEDERATION_FIELDS.has(field.name)) continue;
      const rule = table[field.name];
      if (!rule) throw new Error(`${root}.${field.name} has no access rule`);
      const resolve: GraphQLFieldResolver<unknown, IdentityScope> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, ctx, info) => {
        requireRule(ctx, rule, `call ${field.name}`);
        return resolve(source, args, ctx, info);
      };
    }
  }
  return schema;
}
