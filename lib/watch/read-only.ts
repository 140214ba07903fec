/**
 * The watcher's credential is for reading only (docs/design.md §12). CF
 * refuses its writes anyway (the global auditor's token fails CC's scope
 * gate, cf-behaviour.md §1.1), but an operator may have registered the
 * client with more authorities than asked: this fetch refuses, before
 * anything is sent, any request of the watcher's client that is not a read.
 */
export class WatcherWriteRefused extends Error {
  constructor(method: string) {
    super(`the watcher's credential is for reading only; refused a ${method} before sending it`);
    this.name = "WatcherWriteRefused";
  }
}

export function readOnlyFetch(inner: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    if (method !== "GET" && method !== "HEAD") return Promise.reject(new WatcherWriteRefused(method));
    return inner(input, init);
  };
}
