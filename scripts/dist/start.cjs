/**
 * The dashboard's entry point in dist/ (what `cf push` uploads): starts
 * Next's standalone server (./server.js) with the shutdown Cloud Foundry
 * expects. CF sends SIGTERM and kills the process 10 s later; on SIGTERM (or
 * SIGINT) this stops accepting connections, lets the requests in flight
 * finish (a change and its history entries included), runs the app's own
 * shutdown hooks (the history's database pool), and exits 0. Whatever is
 * still running after SHUTDOWN_TIMEOUT_MS (default 8 s) is abandoned with
 * exit 1, before CF's kill.
 *
 * Next's own handler would exit 143 without the app's hooks, hence
 * NEXT_MANUAL_SIG_HANDLE, and Next creates its HTTP server itself, hence the
 * hook on http.createServer to hold on to it.
 */
"use strict";

const http = require("node:http");

/** The app registers its hooks here (lib/shutdown.ts); one registry per process, whatever the bundle. */
const HOOKS = Symbol.for("egress-dashboard.shutdown");
const registry = (globalThis[HOOKS] ??= { draining: false, hooks: [] });

const timeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 8000);

function log(level, msg, fields = {}) {
  const levels = { info: 30, warn: 40, error: 50 };
  process.stdout.write(
    `${JSON.stringify({ level: levels[level], time: new Date().toISOString(), app: "egress-dashboard", pid: process.pid, ...fields, msg })}\n`,
  );
}

// On Cloud Foundry the router reaches the container on its own address; elsewhere, loopback unless told.
process.env.HOSTNAME = process.env.VCAP_APPLICATION ? "0.0.0.0" : (process.env.HOST ?? "127.0.0.1");
process.env.NEXT_MANUAL_SIG_HANDLE = "true";

const servers = [];
const createServer = http.createServer;
http.createServer = function (...args) {
  const server = createServer.apply(this, args);
  servers.push(server);
  return server;
};

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  registry.draining = true;
  const started = Date.now();
  log("info", "shutting down: no new connections; waiting for requests in flight", { signal });
  const deadline = setTimeout(() => {
    log("error", "shutdown timed out; exiting with requests or hooks unfinished", { timeoutMs });
    process.exit(1);
  }, timeoutMs);
  deadline.unref();

  await Promise.all(
    servers.map(
      (server) =>
        new Promise((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections that finish their request later would hold close() open
          // until their idle timeout: close each as soon as it is idle.
          const idle = setInterval(() => server.closeIdleConnections(), 50);
          idle.unref();
          server.once("close", () => clearInterval(idle));
        }),
    ),
  );
  for (const hook of registry.hooks) {
    try {
      await hook();
    } catch (error) {
      log("error", "a shutdown hook failed", { error: error instanceof Error ? error.message : String(error) });
    }
  }
  log("info", "stopped", { signal, ms: Date.now() - started });
  process.exit(0);
}

process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));

require("./server.js");
