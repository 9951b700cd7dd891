import { lapseTimer } from '../kit/register/lapseTimer';
import { runSubgraph } from '../kit/server';
import vessels from './index';

void runSubgraph(vessels, [lapseTimer]);
