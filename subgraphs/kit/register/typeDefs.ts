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
  return concatAST([loadTypeDefs(files, ['scalars', 'assets', 'actions', 'accessLog']), parse(registerSchemaText(descriptor))]);
}

/** The template named after one register: the only place its generated names are spelled out in SDL. */
export function registerSchemaText(descriptor: RegisterDescriptor): string {
  return TEMPLATE.replaceAll('__Register__', descriptor.name).replaceAll('__register__', names(descriptor).camel);
}
