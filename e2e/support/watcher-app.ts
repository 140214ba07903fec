import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import BetterSqlite3 from "better-sqlite3";
import { signIn } from "./auth";
import { SIM_URL } from "./sim";

/**
 * A second app server over the same build and stand-in with the seeded watcher client and a short
 * interval, and a SQLite history of its own that a spec reads behind its back (docs/design.md §12).
 * The main test server runs without a watcher, so the other specs' CF request counts hold; a spec
 * that starts one stops it when done.
 */

const MAIN_PORT = Number(process.env.E2E_APP_PORT ?? 3100);
const MAIN_ORIGIN = `http://127.0.0.1:${MAIN_PORT}`;

export type WatcherApp = ReturnType<typeof watcherApp>;

/** `portOffset` from the main server's port keeps each spec's server apart. */
export function watcherApp(name: string, portOffset: number, intervalS: number) {
  const port = MAIN_PORT + portOffset;
  const origin = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), `egress-e2e-${name}-`));
  let server: ChildProcess | undefined;

  /** Rows of this server's history, read-only. */
  function rows<R>(sql: string, ...params: unknown[]): R[] {
    const db = new BetterSqlite3(join(dataDir, "history.sqlite"), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as R[];
    } finally {
      db.close();
    }
  }

  /** The health route's body, or null while the server is not answering. */
  async function health<H>(): Promise<H | null> {
    try {
      const response = await fetch(`${origin}/api/health`);
      return response.ok ? ((await response.json()) as H) : null;
    } catch {
      return null; // not listening yet
    }
  }

  /** Up, and a cycle (the first is the baseline) ended. */
  async function cycled(): Promise<boolean> {
    const body = await health<{ watcher?: { last_cycle?: { ended_at: string | null } | null } }>();
    return typeof body?.watcher?.last_cycle?.ended_at === "string";
  }

  return {
    origin,
    dataDir,
    rows,
    health,
    /** Starts the server (`env` added to the watcher's) and waits for its first cycle. */
    start: async (env: Record<string, string> = {}): Promise<void> => {
      server = spawn(
        process.execPath,
        ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)],
        {
          env: {
            ...process.env,
            CF_API_URL: SIM_URL,
            DATA_DIR: dataDir,
            WATCH_CLIENT_ID: "egress-watcher",
            WATCH_CLIENT_SECRET: "demo-watcher-secret",
            WATCH_INTERVAL: String(intervalS),
            NEXT_TELEMETRY_DISABLED: "1",
            ...env,
          },
          stdio: "ignore",
        },
      );
      await expect.poll(cycled, { timeout: 60_000, intervals: [250] }).toBe(true);
    },
    /** Stops the server and waits for it to exit. */
    stop: async (): Promise<void> => {
      const running = server;
      server = undefined;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      await exited;
    },
    /** Waits until a cycle whose CF reads began after `time` has ended (two intervals and `slackS`). */
    cycleAfter: async (time: number, slackS = 4): Promise<void> => {
      const done = () =>
        rows<{ n: number }>(
          "select count(*) as n from watch_cycles where observed_at > ? and ended_at is not null",
          time,
        )[0]?.n ?? 0;
      await expect
        .poll(done, { timeout: (2 * intervalS + slackS) * 1000, intervals: [200] })
        .toBeGreaterThan(0);
    },
    /**
     * Signed in through the UAA form on the main test server (the stand-in's UAA knows only its origin
     * as a redirect target); both servers share the demo's AUTH_SECRET and cookies ignore ports, so the
     * session is this server's too, as it would be across a platform's instances.
     */
    signedIn: async (browser: Browser, user: string): Promise<Page> => {
      const context = await browser.newContext({ baseURL: origin });
      const page = await context.newPage();
      await signIn(page, user, MAIN_ORIGIN);
      await page.goto("/");
      await expect(page.getByTestId("signed-in-user")).toHaveText(user);
      return page;
    },
  };
}
