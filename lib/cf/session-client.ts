import "server-only";
import { cache } from "react";
import { requireSession, type ServerSession } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { currentRequestId, log } from "@/lib/log";
import { CfClient, type CfRequestEvent } from "./client";

/** A CF client carrying this session's own token; every request it makes is logged with its timing. */
export function cfClientFor(session: ServerSession): CfClient {
  const { cfApiUrl, cfRequestTimeoutMs } = env();
  const user = session.user.id;
  return new CfClient({
    apiUrl: cfApiUrl,
    token: session.accessToken,
    timeoutMs: cfRequestTimeoutMs,
    onRequest: (cf: CfRequestEvent) => {
      // The request id comes from the proxy's header, readable anywhere in this request's async context.
      void currentRequestId().then((requestId) => log.info({ requestId, user, cf }, "cf request"));
    },
  });
}

/** The CF client of this request, for pages: one per request; no session redirects to sign-in. */
export const getCfClient = cache(async (): Promise<{ client: CfClient; userId: string }> => {
  const session = await requireSession();
  return { client: cfClientFor(session), userId: session.user.id };
});
