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

export const log: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? "silent" : "info"),
  base: { app: "egress-dashboard" },
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

/** What of an exception goes to the log: its kind and message, and CF's fields; never a token. */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const fields: Record<string, unknown> = { type: error.name, message: error.message };
  for (const key of ["status", "code", "title", "detail", "request", "reason"] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = value;
  }
  if (process.env.NODE_ENV !== "production") fields.stack = error.stack;
  return fields;
}
