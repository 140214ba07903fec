import "server-only";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { onShutdown } from "@/lib/shutdown";
import { Deliverer } from "./deliverer";
import { systemResolver } from "./outbound-guard";
import type { SendSettings } from "./send";

/**
 * Alerts (docs/design.md §12, docs/adr/0011-alert-delivery.md): the delivery
 * loop starts with the server (lib/start-up.ts) on every instance and stops
 * on shutdown before the database closes. Events are enqueued by the writes
 * that record them (lib/db/alert-outbox.ts), whether or not the loop runs.
 */

/** How often the loop looks for due deliveries: a delivery waits at most this long after its event. */
const POLL_MS = 1_000;
/** A webhook or SMTP server that has not answered by then is an attempt that failed. */
export const SEND_TIMEOUT_MS = 10_000;

const KEY = Symbol.for("egress-dashboard.alerts");
type Slot = typeof globalThis & { [KEY]?: Deliverer };

/** This deployment's sending rules: the production guard where deployed (lib/env's `isProduction`). */
export function sendSettings(): SendSettings {
  const config = env();
  return {
    rule: config.isProduction ? "production" : "development",
    resolve: systemResolver,
    timeoutMs: SEND_TIMEOUT_MS,
    authSecret: config.authSecret,
    smtpUrl: config.smtpUrl,
    smtpFrom: config.smtpFrom,
  };
}

export function startAlerts(): void {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const slot = globalThis as Slot;
  if (slot[KEY] !== undefined) return; // Next's dev server evaluates the hook again on every edit.
  const config = env();
  const deliverer = new Deliverer({
    store: getDatabase,
    settings: sendSettings(),
    retry: { baseMs: config.alertRetryMs, maxAttempts: config.alertMaxAttempts },
    pollMs: POLL_MS,
    log,
  });
  slot[KEY] = deliverer;
  onShutdown(() => deliverer.stop());
  deliverer.start();
  log.info(
    {
      email: config.smtpUrl ? "SMTP_URL set" : "off (no SMTP_URL)",
      retryS: config.alertRetryMs / 1000,
      maxAttempts: config.alertMaxAttempts,
      guard: config.isProduction
        ? "production (https, public addresses only)"
        : "development (loopback allowed)",
    },
    "alerts: delivery on",
  );
}
