import { runSubgraph } from '../kit/server';
import { subgraphNamed } from '../registry';

// The court's panorama follows the registry's registers, so its process takes it from there.
void runSubgraph(subgraphNamed('court'));
