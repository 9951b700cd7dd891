import { runSubgraph } from '../kit/server';
import vehicles from './index';

void runSubgraph(vehicles);
