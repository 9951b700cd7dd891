import { lapseTimer } from '../kit/register/lapseTimer';
import { runSubgraph } from '../kit/server';
import finance from './index';

void runSubgraph(finance, [lapseTimer]);
