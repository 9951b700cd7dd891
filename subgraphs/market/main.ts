import { lapseTimer } from '../kit/register/lapseTimer';
import { runSubgraph } from '../kit/server';
import market from './index';

void runSubgraph(market, [lapseTimer]);
