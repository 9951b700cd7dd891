import { accessLogCheckpointer } from '../subgraphs/kit/audit/checkpointer';
import { lapseTimer } from '../subgraphs/kit/register/lapseTimer';
import { composeServices } from '@apollo/composition';
import { buildASTSchema, isObjectType, parse } from 'graphql';
import { createCourtSubgraph } from '../subgraphs/court';
import { names } from '../subgraphs/kit/register/findings';
import { defineRegisterSubgraph } from '../subgraphs/kit/register/subgraph';
import { REGISTERS, SUBGRAPHS } from '../subgraphs/registry';
import hangar from './fixtures/hangar';
import { HANGAR_REGISTER } from './fixtures/hangar/register';

/**
 * Adding an agency is one folder (test/fixtures/hangar: a descriptor and its asset types), one line in
 * the registry and a seed generator. This test adds the throwaway register the way the registry's line
 * would (court built with it, register beside the others) and checks that nothing else needs an edit.
 */
const registers = [...REGISTERS, HANGAR_REGISTER];
const subgraphs = [createCourtSubgraph(registers), ...SUBGRAPHS.filter((subgraph) => subgraph.name !== 'court'), hangar];

function compose() {
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: `http://127.0.0.1:${s.defaultPort}/graphql`, typeDefs: s.typeDefs })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

describe('adding an agency', () => {
  it('composes with the new register beside the others', () => {
    expect(() => compose()).not.toThrow();
  });

  it('gives the new register every operation of the template, by the names names() gives', () => {
    const { query, mutation } = names(HANGAR_REGISTER);
    const schema = buildASTSchema(parse(compose()), { assumeValidSDL: true });
    const rootFields = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}),
    ];
    expect(rootFields).toEqual(expect.arrayContaining([...Object.values(query), ...Object.values(mutation)]));
  });

  it("puts the new register's totals into the court's panorama without an edit to the court", () => {
    const court = createCourtSubgraph(registers);
    const caseParty = court.buildSchema().getType('CaseParty');
    if (!isObjectType(caseParty)) throw new Error('CaseParty is not an object type');
    expect(Object.keys(caseParty.getFields())).toContain(names(HANGAR_REGISTER).totalsField);
    const sdl = compose();
    expect(sdl).toMatch(new RegExp(`requires: "[^"]*${names(HANGAR_REGISTER).totalsField} \\{ agency categories`));
  });

  it('builds a schema in which every root field has a rule', () => {
    expect(() => hangar.buildSchema()).not.toThrow();
    expect(Object.keys({ ...hangar.rules.Query, ...hangar.rules.Mutation })).toEqual(
      expect.arrayContaining([...Object.values(names(HANGAR_REGISTER).query), ...Object.values(names(HANGAR_REGISTER).mutation)]),
    );
  });

  it('runs the lapse timer and the access log’s checkpointer of every register without the agency asking for them', () => {
    expect(hangar.background).toEqual([accessLogCheckpointer, lapseTimer]);
  });

  it('stops a register at start when an agency replaces a template field with nothing', () => {
    const { mutation } = names(HANGAR_REGISTER);
    // An agency resolver map that removes a template field (here by assigning undefined) must not pass silently.
    const broken = () =>
      defineRegisterSubgraph(HANGAR_REGISTER, {
        name: 'hangar',
        defaultPort: 4199,
        schemaFiles: [],
        resolvers: { Mutation: { [mutation.release]: undefined as never } },
      });
    expect(broken).toThrow(`register Hangar: no resolver for Mutation.${mutation.release}`);
  });
});
