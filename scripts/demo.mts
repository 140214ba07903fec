/**
 * `npm run demo`: the dashboard on the built-in Cloud Foundry stand-in.
 * Starts the stand-in, builds the dashboard, starts it once the stand-in
 * answers, prints where to go and who to be, and stops both cleanly on
 * Ctrl-C (SIGINT) and SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { DEMO_PASSWORD, seed } from "../sim/seed";

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const cfPort = process.env.SIM_CF_PORT ?? "9022";
const uaaPort = process.env.SIM_UAA_PORT ?? "9023";
const cfApiUrl = `http://127.0.0.1:${cfPort}`;
const childEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CF_API_URL: process.env.CF_API_URL ?? cfApiUrl,
};
const children = new Set<ChildProcess>();
let stopping = false;

/** `ends`: the build ends by design; only a server stopping on its own is a failure. */
function run(command: string, args: string[], ends = false): ChildProcess {
  // Each child leads its own process group, so stopping it also stops what npx and tsx start under it.
  const child = spawn(command, args, { stdio: "inherit", env: childEnv, detached: true });
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!stopping && (code !== 0 || signal) && !ends) {
      console.error(`demo: ${command} ${args.join(" ")} stopped (${signal ?? `exit ${code}`})`);
      stop(code ?? 1);
    }
  });
  return child;
}

function finished(child: ChildProcess): Promise<number> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
  }
  setTimeout(() => process.exit(code), 5_000).unref();
  void Promise.all([...children].map(finished)).then(() => process.exit(code));
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) return;
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
run("npx", [
  "tsx",
  "sim/main.mts",
  "--quiet",
  "--cf-port",
  cfPort,
  "--uaa-port",
  uaaPort,
  ...origins.flatMap((origin) => ["--app-origin", origin]),
]);
const [buildCode] = await Promise.all([
  finished(run("npx", ["next", "build"], true)),
  waitFor(`${cfApiUrl}/v3/info`, 60_000),
]);
if (buildCode !== 0) {
  console.error("demo: the build failed");
  stop(1);
} else if (!stopping) {
  run("npx", ["next", "start", "-H", host, "-p", port]);
  await waitFor(`http://127.0.0.1:${port}/api/health`, 60_000);
  const users = seed.users.map((u) => u.username).join(", ");
  console.log(`
  Egress dashboard:  http://localhost:${port}
  Cloud Foundry stand-in: CF API ${cfApiUrl}, UAA http://127.0.0.1:${uaaPort}
  Sign in as any of: ${users}
  Password: ${DEMO_PASSWORD}
  Press Ctrl-C to stop.
`);
}
