import { outboxService } from '../kit/outbox/service';
import { lapseTimer } from '../kit/register/lapseTimer';
import { runSubgraph } from '../kit/server';
import vehicles from './index';

// Vehicles sends the impound notices to officers, so its process runs the outbox dispatcher.
void runSubgraph(vehicles, [lapseTimer, outboxService]);
