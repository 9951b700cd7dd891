import { lapseTimer } from '../kit/register/lapseTimer';
import { runSubgraph } from '../kit/server';
import taxation from './index';

void runSubgraph(taxation, [lapseTimer]);
