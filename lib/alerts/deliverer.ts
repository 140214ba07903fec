import type { AlertStore, ClaimedDelivery } from "@/lib/db/alert-types";
import { nextAttemptAt } from "./backoff";
import { sendTo, type SendSettings } from "./send";

/**
 * The delivery loop (docs/adr/0011-alert-delivery.md): every `pollMs` it
 * claims the due deliveries (lib/db/alerts.ts `claimDue`, safe with several
 * instances on one PostgreSQL), sends them, a few at a time, and records each
 * result: delivered, or tried again later with exponential backoff, or after
 * the last attempt failed with its last error. Every instance runs it; a
 * claim outlives a send's timeout, so two never send one delivery at once.
 */

type Log = { info(fields: object, message: string): void; warn(fields: object, message: string): void };

export type DelivererDeps = {
  store: () => Promise<{ alerts: AlertStore }>;
  settings: SendSettings;
  retry: { baseMs: number; maxAttempts: number; capMs?: number };
  pollMs: number;
  /** Deliveries taken per tick. */
  batch?: number;
  log: Log;
  now?: () => number;
};

const DEFAULT_BATCH = 20;
const CONCURRENCY = 4;

export class Deliverer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly now: () => number;

  constructor(private readonly deps: DelivererDeps) {
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.deps.log.warn(
            { err: error instanceof Error ? error.message : String(error) },
            "alerts: tick failed",
          ),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(this.deps.pollMs);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** One round: claim what is due and send it; answers how many were sent (tests call it directly). */
  async tick(): Promise<number> {
    const { alerts } = await this.deps.store();
    // Longer than any send can take, so the claim never runs out mid-send.
    const claimMs = this.deps.settings.timeoutMs * 3 + 5_000;
    const due = await alerts.claimDue(this.deps.batch ?? DEFAULT_BATCH, claimMs);
    const queue = [...due];
    const worker = async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        if (this.stopped) return; // left claimed: another instance, or this one restarted, sends it when the claim ends
        await this.deliver(alerts, next);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
    return due.length;
  }

  private async deliver(alerts: AlertStore, delivery: ClaimedDelivery): Promise<void> {
    const result = await sendTo(
      delivery.destination,
      { body: delivery.payload, idempotencyKey: delivery.idempotencyKey },
      this.deps.settings,
    );
    const attempts = delivery.attempts + 1;
    if (result.ok) {
      await alerts.recordAttempt(delivery, { ok: true, status: result.status });
      return;
    }
    const retryAt = nextAttemptAt(this.now(), attempts, this.deps.retry);
    await alerts.recordAttempt(delivery, { ...result, retryAt });
    this.deps.log.warn(
      {
        delivery: delivery.id,
        destination: delivery.destination.id,
        kind: delivery.kind,
        attempts,
        error: result.error,
        retry: retryAt === null ? "none: failed" : new Date(retryAt).toISOString(),
      },
      "alerts: delivery attempt failed",
    );
  }
}
