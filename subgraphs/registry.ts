import { createCourtSubgraph } from './court';
import realestate from './realestate';
import vehicles from './vehicles';
import vessels from './vessels';
import taxation from './taxation';
import market from './market';
import finance from './finance';
import victims from './victims';
import type { RegisterDescriptor } from './kit/register/findings';
import type { Subgraph } from './kit/subgraph';

/** The asset registers, each built by its one front door (kit/register/subgraph.ts). A new agency adds one line here. */
const REGISTER_SUBGRAPHS = [realestate, vehicles, vessels, taxation, finance, market];

/** Their descriptors, in the same order: the court's panorama and the tests' tables follow them. */
export const REGISTERS: readonly RegisterDescriptor[] = REGISTER_SUBGRAPHS.map((subgraph) => subgraph.register);

/** Every subgraph of the supergraph. This one list drives composition, `npm start`, the seed and the test harness. */
export const SUBGRAPHS: readonly Subgraph[] = [createCourtSubgraph(REGISTERS), ...REGISTER_SUBGRAPHS, victims];

/** One subgraph by name, for a process that runs it alone (its main.ts). */
export function subgraphNamed(name: string): Subgraph {
  const subgraph = SUBGRAPHS.find((candidate) => candidate.name === name);
  if (!subgraph) throw new Error(`no subgraph named ${name} in the registry`);
  return subgraph;
}
