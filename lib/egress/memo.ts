/**
 * A bounded memo for pure readers of rule text (destinations, ports). The same
 * texts recur across groups and across requests (each request reads the same
 * groups from CF again), so reading each distinct text once takes most of the
 * parsing out of a fresh org page. It holds only what a text says, nothing
 * about who asked or which group it came from; results must be immutable, and
 * the whole memo is dropped when it reaches its bound, so memory stays flat.
 */
export function memoizeText<T>(limit: number, read: (text: string) => T): (text: string) => T {
  const memo = new Map<string, T>();
  return (text) => {
    const known = memo.get(text);
    if (known !== undefined) return known;
    const value = read(text);
    if (memo.size >= limit) memo.clear();
    memo.set(text, value);
    return value;
  };
}
