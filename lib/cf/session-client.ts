import "server-only";
import { cache } from "react";
import { requireSession, type ServerSession } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { CfClient } from "./client";

/** A CF client carrying this session's own token. */
export function cfClientFor(session: ServerSession): CfClient {
  const { cfApiUrl, cfRequestTimeoutMs } = env();
  return new CfClient({ apiUrl: cfApiUrl, token: session.accessToken, timeoutMs: cfRequestTimeoutMs });
}

/** The CF client of this request, for pages: one per request; no session redirects to sign-in. */
export const getCfClient = cache(async (): Promise<{ client: CfClient; userId: string }> => {
  const session = await requireSession();
  return { client: cfClientFor(session), userId: session.user.id };
});
