import "server-only";
import { getDatabase, type StoredPolicy } from "@/lib/db";
import { describeError, log } from "@/lib/log";

/**
 * The org's stored policy, for the org loader (lib/loaders/org.ts), which
 * reads it alongside its CF requests, and for the policy API. The policy is
 * secondary to CF on a page: if the database cannot be read the page still
 * shows CF's state and says that compliance is not shown.
 */
export async function readStoredPolicy(orgGuid: string): Promise<StoredPolicy | null | "unavailable"> {
  try {
    return await (await getDatabase()).readPolicy(orgGuid);
  } catch (error) {
    log.warn({ err: describeError(error), orgGuid }, "history: org policy unavailable");
    return "unavailable";
  }
}
