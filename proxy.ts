import { NextResponse, type NextRequest } from "next/server";
import { RefreshRefusedError, UaaUnavailableError } from "@/lib/auth/errors";
import { needsRefresh, refreshTokens } from "@/lib/auth/refresh";
import {
  SESSION_MAX_AGE_SECONDS,
  chunkCookie,
  decodeSession,
  encodeSession,
  readChunkedCookie,
  sessionCookieName,
  withTokens,
} from "@/lib/auth/session-token";
import { uaaBaseUrl } from "@/lib/auth/uaa";
import { env } from "@/lib/env";
import { errorBody, failure, MESSAGES } from "@/lib/failures";
import { log } from "@/lib/log";
import { contentSecurityPolicy, createNonce, HSTS_VALUE } from "@/lib/security/headers";
import { decodablePath } from "@/lib/security/paths";

/**
 * Runs before every page, route handler and server action:
 * - a fresh CSP nonce (Next stamps its own scripts with it) and HSTS in production;
 * - the session's access token is renewed shortly before it expires, here,
 *   because this is the one place that can both pass the new cookie to the
 *   render and send it to the browser;
 * - signed-out visits to protected pages go to sign-in and come back;
 * - every request gets an id (X-Request-Id), which the server's logs carry.
 * The real permission checks are inside every data read and server action.
 */

const PUBLIC_PATHS = new Set(["/", "/signin", "/api/health"]);

function isPublic(path: string): boolean {
  return PUBLIC_PATHS.has(path) || path.startsWith("/api/auth/");
}

/** JSON and CSV endpoints (the compliance report's `.json` too) answer 401 rather than redirecting a fetch to an HTML page. */
function isDataRoute(path: string): boolean {
  return path.startsWith("/api/") || path.endsWith(".csv") || path.endsWith(".json");
}

/**
 * Cloud Foundry's router gives every request an id (X-Vcap-Request-Id, a UUID) and logs it: reusing it
 * ties the dashboard's log lines to the router's. Anything but a UUID is ignored, so a client cannot
 * write into the logs through it.
 */
function routerRequestId(headers: Headers): string | undefined {
  const id = headers.get("x-vcap-request-id");
  return id !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
    ? id
    : undefined;
}

async function uaaOrigin(): Promise<string[]> {
  try {
    return [new URL(await uaaBaseUrl()).origin];
  } catch {
    return []; // the CF API is down: pages will say so; the CSP just lacks the sign-in origin meanwhile
  }
}

export async function proxy(request: NextRequest) {
  const config = env();
  const path = request.nextUrl.pathname;
  const nonce = createNonce();
  const requestId = routerRequestId(request.headers) ?? crypto.randomUUID();
  const csp = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === "development",
    production: config.isProduction,
    // Sign-in and sign-out forms end in a redirect to the UAA.
    formActionOrigins: await uaaOrigin(),
  });

  const cookieName = sessionCookieName();
  let claims = await decodeSession(readChunkedCookie(request.cookies.getAll(), cookieName));
  let renewed: { name: string; value: string }[] | undefined;
  let expired = false;
  if (claims && needsRefresh(claims)) {
    try {
      claims = withTokens(claims, await refreshTokens(claims.refreshToken));
      renewed = chunkCookie(cookieName, await encodeSession(claims));
    } catch (error) {
      if (error instanceof UaaUnavailableError) {
        // The UAA is away, not the session: go on with the current token (it may still be valid
        // for the refresh margin); a token CF refuses later leads to sign-in as usual.
        log.warn(
          { requestId, user: claims.sub, reason: error.message },
          "token renewal postponed: the UAA did not answer",
        );
      } else if (error instanceof RefreshRefusedError) {
        log.info({ requestId, user: claims.sub }, "session ended: the UAA refused to renew its tokens");
        claims = null;
        expired = true;
      } else throw error;
    }
  }
  // One line per request (the health check aside: the platform asks every few seconds).
  if (path !== "/api/health") {
    log.info(
      { requestId, method: request.method, path, user: claims?.sub ?? null, renewed: renewed !== undefined },
      "request",
    );
  }

  const isServerAction = request.headers.has("next-action");
  // A pipeline calls data routes with a user's UAA token instead of a session; the route asks CF
  // about that token itself (lib/auth/bearer.ts), so it passes here as a server action does.
  const carriesToken = isDataRoute(path) && /^bearer\s/i.test(request.headers.get("authorization") ?? "");
  if (!claims && !isPublic(path) && !isServerAction && !carriesToken) {
    if (isDataRoute(path)) {
      return NextResponse.json(errorBody(failure("sign-in", MESSAGES.signIn)), {
        status: 401,
        headers: { "Cache-Control": "no-store", "X-Request-Id": requestId },
      });
    }
    // Never signed in: straight to the UAA login form. Session ended: the landing page says so first.
    const signIn = new URL(expired ? "/" : "/signin", request.url);
    signIn.searchParams.set("callbackUrl", `${path}${request.nextUrl.search}`);
    if (expired) signIn.searchParams.set("reason", "expired");
    const response = NextResponse.redirect(signIn);
    if (expired) clearSession(response, request, cookieName);
    return response;
  }

  // An address Next cannot decode (a malformed percent escape) fails in its router with a bare 500.
  // Nothing lives there: a 404, in the one error body or as the app's own not-found page.
  const undecodable = !decodablePath(path);
  if (undecodable && isDataRoute(path)) {
    return NextResponse.json(errorBody(failure("not-found", MESSAGES.notFound)), {
      status: 404,
      headers: { "Cache-Control": "no-store", "X-Request-Id": requestId },
    });
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-request-id", requestId);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set("x-request-path", `${path}${request.nextUrl.search}`);
  if (renewed || expired) {
    // The render of this very request must see the renewed (or ended) session.
    const others = request.cookies
      .getAll()
      .filter((c) => c.name !== cookieName && !c.name.startsWith(`${cookieName}.`));
    requestHeaders.set(
      "cookie",
      [...others, ...(renewed ?? [])].map((c) => `${c.name}=${c.value}`).join("; "),
    );
  }

  const response = undecodable
    ? NextResponse.rewrite(new URL("/not-found", request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Request-Id", requestId);
  if (config.isProduction) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  if (renewed) {
    clearSession(response, request, cookieName);
    for (const chunk of renewed) {
      response.cookies.set(chunk.name, chunk.value, {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure: config.isProduction,
        maxAge: SESSION_MAX_AGE_SECONDS,
      });
    }
  } else if (expired) {
    clearSession(response, request, cookieName);
  }
  return response;
}

function clearSession(response: NextResponse, request: NextRequest, cookieName: string): void {
  for (const cookie of request.cookies.getAll()) {
    if (cookie.name === cookieName || cookie.name.startsWith(`${cookieName}.`))
      response.cookies.delete(cookie.name);
  }
}

export const config = {
  matcher: [
    {
      // Static files from public/ and the build need neither a session nor a nonce.
      source:
        "/((?!_next/static|_next/image|favicon.ico|icon.svg|icon-192.png|icon-512.png|apple-touch-icon.png|robots.txt|manifest.webmanifest).*)",
      missing: [{ type: "header", key: "next-router-prefetch" }],
    },
  ],
};
