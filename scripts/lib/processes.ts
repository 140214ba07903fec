/**
 * Child processes the scripts start, and stop again: each child leads its
 * own process group, so stopping it also stops what npx, tsx and next start
 * under it (`next start` runs the server in a grandchild). Every script that
 * starts a server stops what it started, on success, failure and Ctrl-C.
 */
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";

const started = new Set<ChildProcess>();

export function startProcess(
  command: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; stdio?: StdioOptions } = {},
): ChildProcess {
  const child = spawn(command, args, {
    stdio: options.stdio ?? ["ignore", "ignore", "inherit"],
    env: { ...process.env, ...options.env },
    detached: true,
  });
  started.add(child);
  child.on("exit", () => started.delete(child));
  return child;
}

export function exited(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode ?? 1);
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/** SIGTERM to the child's whole group; SIGKILL to what is left after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  signalGroup(child, "SIGTERM");
  const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
  await exited(child);
  clearTimeout(timer);
  // The group may outlive its leader (a grandchild that ignored SIGTERM): make sure it is gone.
  signalGroup(child, "SIGKILL");
}

export async function stopAll(): Promise<void> {
  await Promise.all([...started].map((child) => stopProcess(child)));
}

/** On Ctrl-C or SIGTERM, stop every child, then exit. */
export function stopAllOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      void stopAll().then(() => process.exit(130));
    });
  }
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
