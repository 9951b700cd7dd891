import { runSubgraph } from '../kit/server';
import finance from './index';

void runSubgraph(finance);
