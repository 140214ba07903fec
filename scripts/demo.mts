/**
 * `npm run demo`: the dashboard on the built-in Cloud Foundry stand-in.
 * Starts the stand-in, builds the dashboard (dist/, as deployed), starts it
 * once the stand-in answers, prints where to go and who to be, and stops
 * both cleanly on Ctrl-C (SIGINT) and SIGTERM.
 *
 * Arguments go to the stand-in, so it can run as a platform would:
 *
 *   npm run demo -- --enable-ipv6 --enable-comma-delimited-destinations
 *   npm run demo -- --seed cf-deployment
 *
 * Never in production: the stand-in signs anyone in with a known password.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { isProductionEnvironment } from "../lib/env";
import { DEMO_PASSWORD, seed } from "../sim/seed";
import { WATCHER_CLIENT_ID, WATCHER_CLIENT_SECRET } from "../sim/uaa";
import { startDemoInbox } from "./lib/demo-inbox";

if (isProductionEnvironment(process.env)) {
  console.error(
    "demo: refusing to run in production (VCAP_APPLICATION or DEPLOY_ENV=production is set): " +
      "it starts the Cloud Foundry stand-in, which signs anyone in with a known password.",
  );
  process.exit(1);
}

const port = process.env.PORT ?? "3000";
const host = process.env.HOST ?? "127.0.0.1";
const cfPort = process.env.SIM_CF_PORT ?? "9022";
const uaaPort = process.env.SIM_UAA_PORT ?? "9023";
/** The stand-in's DNS server, which answers for the catalog's invented hosts (sim/dns.ts). */
const dnsPort = process.env.SIM_DNS_PORT ?? "9053";
const cfApiUrl = `http://127.0.0.1:${cfPort}`;
/** The demo's alert inbox (./lib/demo-inbox.ts): a webhook receiver and an SMTP sink that print alerts. */
const inbox = await startDemoInbox(
  Number(process.env.DEMO_WEBHOOK_PORT ?? "9025"),
  Number(process.env.DEMO_SMTP_PORT ?? "9026"),
);
/** Short enough to see drift appear in the demo without waiting five minutes. */
const DEMO_WATCH_INTERVAL_S = 30;
const standInArgs = process.argv.slice(2);
const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  CF_API_URL: process.env.CF_API_URL ?? cfApiUrl,
  // "Can my app reach …?" resolves host names with the stand-in's DNS, so the demo's hosts resolve.
  DNS_SERVER: process.env.DNS_SERVER ?? `127.0.0.1:${dnsPort}`,
  // The server runs from dist/; the history stays in the checkout's data/ across rebuilds.
  DATA_DIR: path.resolve(process.env.DATA_DIR ?? "data"),
  // The watcher (docs/design.md §12) with the stand-in's seeded client, every 30 s unless told
  // (WATCH_INTERVAL=5 npm run demo); the client's secret is public, like the users' password.
  WATCH_CLIENT_ID: process.env.WATCH_CLIENT_ID ?? WATCHER_CLIENT_ID,
  WATCH_CLIENT_SECRET: process.env.WATCH_CLIENT_SECRET ?? WATCHER_CLIENT_SECRET,
  WATCH_INTERVAL: process.env.WATCH_INTERVAL ?? String(DEMO_WATCH_INTERVAL_S),
  // Alert emails go to the demo's sink, which prints them, unless an SMTP server is named.
  SMTP_URL: process.env.SMTP_URL ?? inbox.smtpUrl,
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
  inbox.close();
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
  "--dns-port",
  dnsPort,
  ...origins.flatMap((origin) => ["--app-origin", origin]),
  ...standInArgs,
]);
const [buildCode] = await Promise.all([
  finished(run("npx", ["tsx", "scripts/build.mts"], true)),
  waitFor(`${cfApiUrl}/v3/info`, 60_000),
]);
if (buildCode !== 0) {
  console.error("demo: the build failed");
  stop(1);
} else if (!stopping) {
  childEnv.PORT = port;
  childEnv.HOST = host;
  run("node", ["dist/start.cjs"]);
  await waitFor(`http://127.0.0.1:${port}/api/health`, 60_000);
  const users = seed.users.map((u) => u.username).join(", ");
  console.log(`
  Egress dashboard:  http://localhost:${port}
  Cloud Foundry stand-in: CF API ${cfApiUrl}, UAA http://127.0.0.1:${uaaPort}, DNS 127.0.0.1:${dnsPort}
  Try "Can my app reach …?" with rds.agency-alpha.internal, redis.internal or example.com
  Sign in as any of: ${users}
  Password: ${DEMO_PASSWORD}
  Alerts: add the webhook ${inbox.webhookUrl} (or any email address) on an org's Alerts page;
  what they receive is printed here as [alert inbox]
  Watching every ${childEnv.WATCH_INTERVAL} s as ${childEnv.WATCH_CLIENT_ID} (client_credentials, global auditor); see http://localhost:${port}/api/health
  Press Ctrl-C to stop.
`);
}
