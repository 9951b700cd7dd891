import { runSubgraph } from '../kit/server';
import court from './index';

void runSubgraph(court);
