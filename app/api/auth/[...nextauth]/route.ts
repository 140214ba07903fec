import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { publicOrigin } from "@/lib/auth/origin";

/**
 * Auth.js's routes (callback, session, csrf, sign-out). Next 16 hands route
 * handlers a request whose URL is always http://localhost:PORT, whatever the
 * browser used (nextauthjs/next-auth#10928, stack-notes pitfall 4); Auth.js
 * would then send the UAA a redirect_uri on the wrong host. Rebuild the
 * request on the public origin first.
 */
async function withPublicOrigin(request: NextRequest): Promise<NextRequest> {
  const url = new URL(request.nextUrl.pathname + request.nextUrl.search, await publicOrigin(request.headers));
  return new Request(url, request) as unknown as NextRequest;
}

export async function GET(request: NextRequest) {
  return handlers.GET(await withPublicOrigin(request));
}

export async function POST(request: NextRequest) {
  return handlers.POST(await withPublicOrigin(request));
}
