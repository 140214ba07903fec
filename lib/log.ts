import "server-only";
import { headers } from "next/headers";
import pino, { type Logger } from "pino";

/**
 * The server's structured log: one JSON line per event, with the request id
 * the proxy gave the request. Tokens, cookies and secrets never reach it:
 * callers log ids and CF's error fields, and the redaction below is a
 * second line of defence for anything that slips through.
 */

export type { Logger };

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/**
 * LOG_LEVEL is validated with the rest of the configuration (lib/env/); the
 * logger exists before that runs, so an invalid value falls back to info here
 * rather than throwing before the configuration error can be reported.
 */
function level(): string {
  if (process.env.VITEST) return "silent";
  const wanted = process.env.LOG_LEVEL ?? "info";
  return LEVELS.has(wanted) ? wanted : "info";
}

export const log: Logger = pino({
  level: level(),
  // On Cloud Foundry, which instance wrote the line (several serve one route).
  base: {
    app: "egress-dashboard",
    ...(process.env.CF_INSTANCE_INDEX ? { instance: Number(process.env.CF_INSTANCE_INDEX) } : {}),
  },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: [
      "accessToken",
      "refreshToken",
      "token",
      "*.accessToken",
      "*.refreshToken",
      "*.token",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "headers.cookie",
      "cookie",
      "*.cookie",
      "headers.set-cookie",
      "secret",
      "*.secret",
      "clientSecret",
      "*.clientSecret",
      "databaseUrl",
      "*.databaseUrl",
    ],
    censor: "[redacted]",
  },
});

/** The id the proxy gave this request; a fresh one outside a request (scripts, tests). */
export async function currentRequestId(): Promise<string> {
  try {
    return (await headers()).get("x-request-id") ?? crypto.randomUUID();
  } catch {
    return crypto.randomUUID();
  }
}

/** Any thrown value as text: String() itself throws for an object without a usable toString. */
function asText(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** What of an exception goes to the log: its kind and message, and CF's fields; never a token. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: asText(error) };
  const fields: Record<string, unknown> = { type: error.name, message: error.message };
  for (const key of ["status", "code", "title", "detail", "request", "reason"] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = value;
  }
  if (process.env.NODE_ENV !== "production") fields.stack = error.stack;
  return fields;
}
