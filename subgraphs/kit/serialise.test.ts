import { KeyedSerialiser } from './serialise';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A task that logs when it starts and ends, yielding once in between, and returns its name. */
const loggedTask = (log: string[]) => (name: string) => async () => {
  log.push(`start ${name}`);
  await tick();
  log.push(`end ${name}`);
  return name;
};

describe('KeyedSerialiser', () => {
  it('runs tasks of one key one after another, in the order they arrived', async () => {
    const serialiser = new KeyedSerialiser();
    const log: string[] = [];
    const task = loggedTask(log);
    const results = await Promise.all(['a', 'b', 'c'].map((name) => serialiser.run('unit-1', task(name))));
    expect(results).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('runs tasks of different keys side by side', async () => {
    const serialiser = new KeyedSerialiser();
    const log: string[] = [];
    const task = loggedTask(log);
    await Promise.all([serialiser.run('unit-1', task('a')), serialiser.run('unit-2', task('b'))]);
    expect(log.slice(0, 2)).toEqual(['start a', 'start b']);
  });

  it('goes on with the next task after one fails, and hands the failure to its own caller only', async () => {
    const serialiser = new KeyedSerialiser();
    const failed = serialiser.run('unit-1', async () => {
      throw new Error('refused');
    });
    const next = serialiser.run('unit-1', async () => 'placed');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('placed');
  });

  it('forgets a key once its last task has settled', async () => {
    const serialiser = new KeyedSerialiser();
    await serialiser.run('unit-1', async () => 1);
    await tick();
    expect(serialiser.busyKeys).toBe(0);
  });
});
