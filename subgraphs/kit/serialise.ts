/**
 * Runs tasks that share a key one after another, in the order they arrived, and tasks with different keys
 * side by side. Deductions from one freeze inside one process then take their turns instead of racing on
 * the guarded updates (finance/deductions.ts). Across processes the guarded updates still decide, so this
 * is an optimisation of the common case, never the guarantee. (An asset's queue batches its requests
 * instead: kit/register/placement.ts.)
 */
export class KeyedSerialiser {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // The next task starts once the previous one has settled, whether it succeeded or failed.
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // The last task of a key removes it, so the map holds only keys with work in flight.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work in flight (for tests). */
  get busyKeys(): number {
    return this.tails.size;
  }
}
