import "server-only";
import { redirect } from "next/navigation";
import { currentPath, signInPath } from "@/lib/auth/session";
import { CfApiError, CfUnavailableError, describeCfFailure } from "@/lib/cf/errors";

export type Attempt<T> = { ok: true; value: T } | { ok: false; message: string; status?: number };

/**
 * Runs a page's CF reads. A token CF refuses sends the user to sign in again
 * (and back here); other CF failures come back as a message the page shows
 * with a retry, since production hides thrown errors' messages from error.tsx.
 */
export async function attempt<T>(load: () => Promise<T>): Promise<Attempt<T>> {
  let failure: unknown;
  try {
    return { ok: true, value: await load() };
  } catch (error) {
    if (!(error instanceof CfApiError || error instanceof CfUnavailableError)) throw error;
    failure = error;
  }
  if (failure instanceof CfApiError && failure.needsSignIn) redirect(signInPath(await currentPath()));
  console.error("CF request failed:", failure);
  return {
    ok: false,
    message: describeCfFailure(failure),
    status: failure instanceof CfApiError ? failure.status : undefined,
  };
}
