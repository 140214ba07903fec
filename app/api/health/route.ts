import { env } from "@/lib/env";
import { getDatabase } from "@/lib/db";
import { chainHealth, type ChainHealth } from "@/lib/db/chain-health";
import { isDraining } from "@/lib/shutdown";
import { watchHealth } from "@/lib/watch/status";

export const dynamic = "force-dynamic";

/**
 * The platform's health check (manifest.yml) and an operator's first look:
 * the app's version and build, whether the CF API and the history's
 * database answer, and the watcher: off, or this instance's role and the
 * foundation's last cycle (its time, duration, counts and error). It stays 200 while the process can serve, whatever those
 * say, so that a CF or database outage does not make the platform restart
 * every instance; it is 503 only once the process is shutting down. `history_chain` says whether
 * the history's hash chain is intact as far as this instance has verified it, a bounded step per
 * answer (lib/db/chain-health.ts; `npm run history:verify` checks it whole).
 * Answers are reused for a few seconds: several checkers poll it.
 */

type Check = { ok: boolean; ms: number; error?: string };
type Health = {
  status: "ok" | "degraded" | "draining";
  version: string | undefined;
  build: string | undefined;
  instance: number | null;
  checks: { cf_api: Check; database: Check & { backend: "postgres" | "sqlite" } };
  history_chain: ChainHealth;
  watcher: ReturnType<typeof watchHealth>;
  /** The alert outbox: deliveries waiting and failed, every org's (null when the database did not answer). */
  alerts: { pending: number; failed: number } | null;
};

const CHECK_TIMEOUT_MS = 2_000;
const REUSE_MS = 2_000;

async function timed(work: (signal: AbortSignal) => Promise<void>): Promise<Check> {
  const started = performance.now();
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  try {
    await Promise.race([
      work(signal),
      new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("timed out")))),
    ]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A reason, never a connection string or a URL with credentials.
    return { ok: false, ms: Math.round(performance.now() - started), error: message.slice(0, 200) };
  }
}

async function alertCounts(): Promise<Health["alerts"]> {
  try {
    const { pending, failed } = await (await getDatabase()).alerts.deliveryCounts();
    return { pending, failed };
  } catch {
    return null; // the database check says why
  }
}

async function check(): Promise<Omit<Health, "status" | "watcher"> & { ok: boolean }> {
  const { cfApiUrl, databaseUrl } = env();
  const [cfApi, database, alerts, chain] = await Promise.all([
    timed(async (signal) => {
      const response = await fetch(`${cfApiUrl}/`, { signal, cache: "no-store" });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`GET / answered ${response.status}`);
    }),
    timed(async () => {
      await (await getDatabase()).ping();
    }),
    alertCounts(),
    chainHealth(getDatabase(), CHECK_TIMEOUT_MS),
  ]);
  return {
    ok: cfApi.ok && database.ok,
    version: process.env.APP_VERSION,
    build: process.env.APP_BUILD_ID,
    instance: process.env.CF_INSTANCE_INDEX ? Number(process.env.CF_INSTANCE_INDEX) : null,
    checks: { cf_api: cfApi, database: { ...database, backend: databaseUrl ? "postgres" : "sqlite" } },
    alerts,
    history_chain: chain,
  };
}

let last: { at: number; result: Promise<Awaited<ReturnType<typeof check>>> } | undefined;

export async function GET() {
  if (!last || Date.now() - last.at > REUSE_MS) last = { at: Date.now(), result: check() };
  const { ok, ...rest } = await last.result;
  const draining = isDraining();
  // The watcher's state is read fresh: it is in memory, and a cycle may have ended since the checks ran.
  const body: Health = {
    status: draining ? "draining" : ok ? "ok" : "degraded",
    ...rest,
    watcher: watchHealth(),
  };
  return Response.json(body, { status: draining ? 503 : 200, headers: { "Cache-Control": "no-store" } });
}
