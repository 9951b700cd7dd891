/**
 * Identical subgraph queries in flight at once are sent once. When a case is in the news, or a page
 * refreshes twice, the same officer's same question would otherwise reach the agency as many times as
 * it was asked. Callers share one answer; each gets its own copy when more than one waited, because the
 * gateway assembles its response inside the objects it gets back.
 */
export class InFlightQueries<T> {
  private readonly pending = new Map<string, { answer: Promise<T>; waiting: number }>();

  /** `copy` gives each waiting caller an answer of its own when more than one shares it. */
  constructor(private readonly copy: (answer: T) => T) {}

  async run(key: string, send: () => Promise<T>): Promise<T> {
    let entry = this.pending.get(key);
    if (entry) {
      entry.waiting += 1;
    } else {
      // Removed as soon as it settles, before anyone sees the answer: a later identical query is sent anew.
      const answer = send().finally(() => this.pending.delete(key));
      entry = { answer, waiting: 1 };
      this.pending.set(key, entry);
    }
    const shared = entry;
    const result = await shared.answer;
    return shared.waiting > 1 ? this.copy(result) : result;
  }
}
