import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy, createNonce, HSTS_VALUE } from "@/lib/security/headers";

/**
 * Runs before every page and route handler: sets a fresh CSP nonce (Next
 * reads it from the request's CSP header and stamps its own scripts with it)
 * and HSTS in production.
 */
export function proxy(request: NextRequest) {
  const config = env();
  const nonce = createNonce();
  const csp = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    production: config.isProduction,
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  if (config.isProduction) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico|icon.svg).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
