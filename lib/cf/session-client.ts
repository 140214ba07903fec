import "server-only";
import { cache } from "react";
import { requireSession } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { CfClient } from "./client";

/** The CF client of this request, carrying the signed-in user's own token (one per request). */
export const getCfClient = cache(async (): Promise<{ client: CfClient; userId: string }> => {
  const session = await requireSession();
  const { cfApiUrl, cfRequestTimeoutMs } = env();
  return {
    client: new CfClient({ apiUrl: cfApiUrl, token: session.accessToken, timeoutMs: cfRequestTimeoutMs }),
    userId: session.user.id,
  };
});
