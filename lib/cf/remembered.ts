/**
 * A small, bounded memory of what the last reads found, per process: how many
 * pages a list had (./paging.ts), whether an org had more spaces than one
 * filter carries (./security-groups.ts). It only decides what is asked for
 * early; what CF answers still has the last word, so a stale or forgotten
 * entry costs a request or a round trip, never a wrong answer. Past its
 * bound, the entry written longest ago is forgotten first.
 */
export class Remembered<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    // Re-inserted, the key moves to the end: the one forgotten first is the one written longest ago.
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
