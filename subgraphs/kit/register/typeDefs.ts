import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatAST, parse, type DocumentNode } from 'graphql';
import { loadTypeDefs } from '../subgraph';
import { names, type RegisterDescriptor } from './findings';

const TEMPLATE = readFileSync(join(__dirname, '..', 'schema', 'register.graphql'), 'utf8');

/**
 * An asset subgraph's schema: its own asset types, the kit's shared parts, and the register's
 * entity fields, control type, mutations and staff queries from the kit template, named after it.
 */
export function registerTypeDefs(descriptor: RegisterDescriptor, files: string[]): DocumentNode {
  const register = TEMPLATE.replaceAll('__Register__', descriptor.name).replaceAll('__register__', names(descriptor).camel);
  return concatAST([loadTypeDefs(files, ['scalars', 'assets', 'actions', 'accessLog']), parse(register)]);
}
