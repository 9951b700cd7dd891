import { runSubgraph } from '../kit/server';
import realestate from './index';

// Its background services are declared with the subgraph (index.ts), so every way of starting it runs the same.
void runSubgraph(realestate);
