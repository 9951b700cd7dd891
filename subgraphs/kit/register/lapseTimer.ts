import type { BackgroundService } from '../subgraph';
import type { ControlDocument } from './model';
import { lapseExpired } from './transitions';

const HOUR_MS = 3_600_000;

/** Measures whose period ended unrenewed lapse within the hour, and the next waiting one moves up. */
export const lapseTimer: BackgroundService = async (running) => {
  const controls = running.db.collection<ControlDocument>('controls');
  const sweep = () =>
    lapseExpired(controls, running.clock()).catch((error: unknown) =>
      console.error(`${running.name}: lapsing expired measures failed`, error),
    );
  await sweep();
  const timer = setInterval(() => void sweep(), HOUR_MS);
  timer.unref();
  return async () => clearInterval(timer);
};
