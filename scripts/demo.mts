/**
 * `npm run demo`: builds the dashboard and serves it on http://localhost:3000.
 * Stops cleanly on Ctrl-C (SIGINT) and SIGTERM.
 */
import { spawn, type ChildProcess } from "node:child_process";

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const children = new Set<ChildProcess>();
let stopping = false;

function run(command: string, args: string[]): ChildProcess {
  const child = spawn(command, args, { stdio: "inherit", env: childEnv });
  children.add(child);
  child.on("exit", (code, signal) => {
    children.delete(child);
    if (!stopping && (code !== 0 || signal)) {
      console.error(`demo: ${command} ${args.join(" ")} stopped (${signal ?? `exit ${code}`})`);
      stop(code ?? 1);
    }
  });
  return child;
}

function finished(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
}

function stop(code = 0): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  const timer = setTimeout(() => process.exit(code), 5_000);
  timer.unref();
  void Promise.all([...children].map(finished)).then(() => process.exit(code));
  if (children.size === 0) process.exit(code);
}

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));

const build = run("npx", ["next", "build"]);
if ((await finished(build)) !== 0) process.exit(1);
if (stopping) process.exit(0);

run("npx", ["next", "start", "-H", host, "-p", port]);
console.log(`\nEgress dashboard: http://localhost:${port}\n`);
