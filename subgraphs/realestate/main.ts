import { runSubgraph } from '../kit/server';
import realestate from './index';

void runSubgraph(realestate);
