import "server-only";
import { cache } from "react";
import { CfClient, type CfRequestEvent } from "@/lib/cf/client";
import { requireSession, type ServerSession, type SignedInUser } from "./session";
import { env } from "@/lib/env";
import { currentRequestId, log } from "@/lib/log";

/** A CF client carrying this session's own token; every request it makes is logged with its timing. */
export function cfClientFor(session: ServerSession): CfClient {
  const { cfApiUrl, cfRequestTimeoutMs } = env();
  const user = session.user.id;
  return new CfClient({
    apiUrl: cfApiUrl,
    token: session.accessToken,
    timeoutMs: cfRequestTimeoutMs,
    // Admins and global readers see every org, space and group alike: their lists' page counts are shared.
    listAudience: session.user.readsGlobally ? "everything" : `user ${user}`,
    onRequest: (cf: CfRequestEvent) => {
      // The request id comes from the proxy's header, readable anywhere in this request's async context.
      void currentRequestId().then((requestId) => log.info({ requestId, user, cf }, "cf request"));
    },
  });
}

/** Who is looking at a page, and the CF client that reads with their own token. */
export type Viewer = { client: CfClient; user: SignedInUser };

/**
 * This request's viewer, for pages: one per request (so loaders cached on
 * `(client, user, …)` share their reads); no session redirects to sign-in.
 */
export const getViewer = cache(async (): Promise<Viewer> => {
  const session = await requireSession();
  return { client: cfClientFor(session), user: session.user };
});
