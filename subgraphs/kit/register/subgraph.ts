import type { DocumentNode, ObjectTypeDefinitionNode, ObjectTypeExtensionNode } from 'graphql';
import type { RootRules } from '../auth/rules';
import type { IndexDeclaration } from '../mongo';
import { mergeResolvers, type ResolverMap } from '../resolverMaps';
import { defineSubgraph, type BackgroundService, type OwnContext, type RequestScope, type Subgraph } from '../subgraph';
import type { RegisterDescriptor } from './findings';
import { lapseTimer } from './lapseTimer';
import { createRegisterLoaders, type RegisterContext } from './loaders';
import { registerIndexes } from './repository';
import { registerResolvers } from './resolvers';
import { registerRules } from './rules';
import { registerTemplate, registerTypeDefs } from './typeDefs';

/** What an agency adds to the register template: its own asset types, its own operations, and what they need. */
export interface RegisterSubgraphParts<TContext extends RegisterContext> {
  name: string;
  /** The port `npm start` and main.ts use unless <NAME>_PORT says otherwise. */
  defaultPort: number;
  /** The agency's own schema files (absolute paths): its asset types and its own operations. */
  schemaFiles: string[];
  /** Resolvers of the agency's own types and operations; a field here refines the template's of the same name. */
  resolvers?: ResolverMap<TContext>;
  /** The agency's context, holding the register's loaders as `register`; only those when omitted. */
  createContext?: (scope: RequestScope) => OwnContext<TContext>;
  /** Indexes of the agency's own collections; the register's are always created. */
  indexes?: readonly IndexDeclaration[];
  /** Rules of the agency's own root fields; the template's come from registerRules. */
  rules?: RootRules;
  /** The agency's own background services; the lapse timer always runs. */
  background?: BackgroundService[];
}

/** A register's subgraph, with the descriptor it was built from (the court's panorama and the tests read it). */
export interface RegisterSubgraph extends Subgraph {
  register: RegisterDescriptor;
}

/**
 * The one front door of an asset register: from its descriptor and the agency's own parts it builds the
 * schema (template, shared kit parts and the agency's files), the resolvers, the rules, the indexes, the
 * context, the legal-basis key it checks and the background services, so no part can be forgotten.
 */
export function defineRegisterSubgraph<TContext extends RegisterContext>(
  descriptor: RegisterDescriptor,
  own: RegisterSubgraphParts<TContext>,
): RegisterSubgraph {
  const resolvers = mergeResolvers<TContext>(registerResolvers(descriptor) as ResolverMap<TContext>, own.resolvers ?? {});
  const template = registerTemplate(descriptor);
  requireTemplateResolvers(descriptor.name, template, resolvers);
  const registerOnly = ({ db }: RequestScope): OwnContext<RegisterContext> => ({ register: createRegisterLoaders(db) });
  const subgraph = defineSubgraph<TContext | RegisterContext>({
    name: own.name,
    defaultPort: own.defaultPort,
    typeDefs: registerTypeDefs(template, own.schemaFiles),
    resolvers: resolvers as ResolverMap<TContext | RegisterContext>,
    createContext: own.createContext ?? registerOnly,
    indexes: [...registerIndexes, ...(own.indexes ?? [])],
    rules: registerRules(descriptor, own.rules),
    // Every field about a party refuses without the court's attestation (kit/auth/legalBasis.ts).
    keys: { checks: ['LEGAL_BASIS'] },
    background: [lapseTimer, ...(own.background ?? [])],
  });
  return Object.assign(subgraph, { register: descriptor });
}

/**
 * Every field the template declares on an object type needs a resolver, as every root field needs a rule:
 * a register that lacks one stops at start, naming it, instead of answering null at run time.
 * Types the template only declares (its control and investigation types) resolve their fields by name.
 */
function requireTemplateResolvers(register: string, template: DocumentNode, resolvers: ResolverMap<never>): void {
  const needed = ['Query', 'Mutation', 'CaseParty', 'EnforcementCase', 'AccessAudit'];
  const missing = template.definitions
    .filter(
      (node): node is ObjectTypeDefinitionNode | ObjectTypeExtensionNode =>
        (node.kind === 'ObjectTypeDefinition' || node.kind === 'ObjectTypeExtension') && needed.includes(node.name.value),
    )
    .flatMap((node) => {
      // Key fields come in the entity's representation and resolve by name.
      const keys = (node.directives ?? [])
        .filter((directive) => directive.name.value === 'key')
        .flatMap((directive) => directive.arguments ?? [])
        .flatMap((argument) => (argument.value.kind === 'StringValue' ? argument.value.value.split(/\s+/) : []));
      return (node.fields ?? [])
        .filter((field) => !keys.includes(field.name.value))
        .map((field) => `${node.name.value}.${field.name.value}`);
    })
    .filter((path) => {
      const [typeName, fieldName] = path.split('.');
      const fields: unknown = resolvers[typeName];
      return !(typeof fields === 'object' && fields !== null && (fields as Record<string, unknown>)[fieldName] != null);
    });
  if (missing.length > 0) throw new Error(`register ${register}: no resolver for ${missing.join(', ')}`);
}
