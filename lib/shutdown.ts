/**
 * The process's shutdown, shared with the entry point (scripts/dist/start.cjs):
 * on SIGTERM it stops accepting connections, waits for the requests in
 * flight, then runs these hooks (closing the history's database pool) before
 * exiting. Kept on globalThis under a registered symbol, because Next bundles
 * the proxy and each route separately and they must share one registry.
 */

type Registry = { draining: boolean; hooks: (() => Promise<void>)[] };

const KEY = Symbol.for("egress-dashboard.shutdown");

function registry(): Registry {
  const slot = globalThis as typeof globalThis & { [KEY]?: Registry };
  slot[KEY] ??= { draining: false, hooks: [] };
  return slot[KEY];
}

/** Runs `hook` once the requests in flight have finished, before the process exits. */
export function onShutdown(hook: () => Promise<void>): void {
  registry().hooks.push(hook);
}

/** True once shutdown began: the process finishes what it has and takes nothing new. */
export function isDraining(): boolean {
  return registry().draining;
}
