import court from './court';
import realestate from './realestate';
import type { Subgraph } from './kit/subgraph';

/** Every subgraph of the supergraph. This one list drives composition, `npm start`, the seed and the test harness. */
export const SUBGRAPHS: readonly Subgraph[] = [court, realestate];
