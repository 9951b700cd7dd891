import { lapseTimer } from '../kit/register/lapseTimer';
import { runSubgraph } from '../kit/server';
import realestate from './index';

void runSubgraph(realestate, [lapseTimer]);
