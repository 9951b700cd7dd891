import { outboxService } from '../kit/outbox/service';
import { runSubgraph } from '../kit/server';
import victims from './index';

// The SMS outbox's one dispatcher runs beside the server (kit/outbox/service.ts).
void runSubgraph(victims, [outboxService]);
