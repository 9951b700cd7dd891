import court from './court';
import realestate from './realestate';
import vehicles from './vehicles';
import vessels from './vessels';
import taxation from './taxation';
import market from './market';
import finance from './finance';
import victims from './victims';
import type { Subgraph } from './kit/subgraph';

/** Every subgraph of the supergraph. This one list drives composition, `npm start`, the seed and the test harness. */
export const SUBGRAPHS: readonly Subgraph[] = [court, realestate, vehicles, vessels, taxation, finance, market, victims];
