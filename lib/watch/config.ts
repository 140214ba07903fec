import { z } from "zod";
import {
  EnvError,
  isProductionEnvironment,
  WATCHER_SERVICE,
  watcherFromServices,
  type Origin,
  type Source,
} from "@/lib/env";

/**
 * The watcher's configuration (docs/design.md §12, docs/configuration.md):
 * off unless an operator gives it a read-only platform credential, a UAA
 * client with the client_credentials grant and the
 * `cloud_controller.global_auditor` authority, either as
 * `WATCH_CLIENT_ID` and `WATCH_CLIENT_SECRET` or as a bound service named
 * (or tagged) `egress-watcher` whose credentials hold `client_id` and
 * `client_secret`. The environment wins over the service. `WATCH_INTERVAL`
 * is in seconds (default 300).
 */

export type WatchConfig =
  | { enabled: false }
  | { enabled: true; clientId: string; clientSecret: string; intervalMs: number; origin: Origin };

export const DEFAULT_WATCH_INTERVAL_SECONDS = 300;
/** A day: beyond it a drift's window says nothing useful. */
const MAX_WATCH_INTERVAL_SECONDS = 86_400;
/** The stand-in's watcher secret (sim/uaa/clients.ts), public like the seeded users' password. */
export const DEMO_WATCHER_SECRET = "demo-watcher-secret";

const schema = z.object({
  WATCH_CLIENT_ID: z.string().min(1).max(255, "is too long").optional(),
  WATCH_CLIENT_SECRET: z.string().min(1).optional(),
  WATCH_INTERVAL: z.coerce
    .number({ error: "must be a whole number of seconds" })
    .int("must be a whole number of seconds")
    .min(1, "must be at least 1 (second)")
    .max(MAX_WATCH_INTERVAL_SECONDS, `must be at most ${MAX_WATCH_INTERVAL_SECONDS} (a day)`)
    .optional(),
});

/** Parses the watcher's variables; throws EnvError naming every bad one. */
export function parseWatchConfig(source: Source): WatchConfig {
  const env: Source = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? "WATCH_*");
        const shown = name === "WATCH_INTERVAL" ? ` (got "${env[name]}")` : "";
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const raw = result.data;
  const problems: string[] = [];
  if ((raw.WATCH_CLIENT_ID === undefined) !== (raw.WATCH_CLIENT_SECRET === undefined)) {
    problems.push(
      `${raw.WATCH_CLIENT_ID === undefined ? "WATCH_CLIENT_ID" : "WATCH_CLIENT_SECRET"}: is required ` +
        "with the other: the watcher needs both, or neither (it is then off)",
    );
  }
  const service = raw.WATCH_CLIENT_ID === undefined ? watcherFromServices(env.VCAP_SERVICES) : undefined;
  if (service === "incomplete") {
    problems.push(
      `VCAP_SERVICES (${WATCHER_SERVICE}): the watcher's service needs client_id and client_secret in its credentials`,
    );
  }
  const credential =
    raw.WATCH_CLIENT_ID !== undefined && raw.WATCH_CLIENT_SECRET !== undefined
      ? {
          clientId: raw.WATCH_CLIENT_ID,
          clientSecret: raw.WATCH_CLIENT_SECRET,
          origin: "environment" as const,
        }
      : service !== undefined && service !== "incomplete"
        ? { ...service, origin: `VCAP_SERVICES (${service.service})` as const }
        : undefined;
  if (credential && isProductionEnvironment(env) && credential.clientSecret === DEMO_WATCHER_SECRET) {
    problems.push("WATCH_CLIENT_SECRET: the demo secret is refused in production");
  }
  if (problems.length > 0) throw new EnvError(problems);
  if (credential === undefined) return { enabled: false };
  return {
    enabled: true,
    clientId: credential.clientId,
    clientSecret: credential.clientSecret,
    intervalMs: (raw.WATCH_INTERVAL ?? DEFAULT_WATCH_INTERVAL_SECONDS) * 1000,
    origin: credential.origin,
  };
}

let cached: WatchConfig | undefined;

/** This process's watcher configuration, parsed once on first use. */
export function watchConfig(): WatchConfig {
  cached ??= parseWatchConfig(process.env);
  return cached;
}
