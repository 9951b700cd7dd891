import { runSubgraph } from '../kit/server';
import vessels from './index';

void runSubgraph(vessels);
