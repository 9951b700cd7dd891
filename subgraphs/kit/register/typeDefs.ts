import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatAST, parse, type DocumentNode } from 'graphql';
import { loadTypeDefs } from '../subgraph';
import { names, type RegisterDescriptor } from './findings';

const TEMPLATE = readFileSync(join(__dirname, '..', 'schema', 'register.graphql'), 'utf8');

/** The register template named after one register: the only place its generated names are spelled out in SDL. */
export function registerTemplate(descriptor: RegisterDescriptor): DocumentNode {
  return parse(TEMPLATE.replaceAll('__Register__', descriptor.name).replaceAll('__register__', names(descriptor).camel));
}

/** An asset subgraph's schema: its own files, the kit's shared parts, and its register's template. */
export function registerTypeDefs(template: DocumentNode, files: string[]): DocumentNode {
  return concatAST([loadTypeDefs(files, ['scalars', 'assets', 'actions', 'accessLog']), template]);
}
