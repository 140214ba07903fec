import "server-only";
import { env } from "@/lib/env";

/**
 * The dashboard's public origin: APP_ORIGIN when set (behind a proxy that
 * rewrites Host), else what the browser asked for. A forged Host cannot
 * redirect a sign-in elsewhere: the UAA accepts only registered redirect URIs.
 */
export function publicOrigin(headers: Headers): Promise<string> {
  const configured = env().appOrigin;
  if (configured) return Promise.resolve(configured);
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto = headers.get("x-forwarded-proto") ?? "http";
  return Promise.resolve(`${proto.split(",")[0]?.trim() ?? "http"}://${host.split(",")[0]?.trim() ?? host}`);
}

/** A same-origin path to return to after sign-in; anything else falls back to the org list. */
export function safeCallbackPath(value: string | null | undefined, fallback = "/orgs"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/api/auth") || value.startsWith("/signin")) return fallback;
  return value;
}
